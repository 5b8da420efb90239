import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChainPublication } from '../../../../electron/contract/chain-api';
import { useClient } from '../../client/client-context';
import { formatDateTime, formatInteger } from '../../i18n/format';
import { Field } from '../../ui/Fields';
import { useLanguage } from '../../ui/use-language';
import { formatEth } from './chain-formats';
import { ChainStateChip } from './ChainStateChip';
import { PublicationTx, PublicationUid } from './PublicationIds';
import { useChainStore } from './store';

/** One report's record on chain, in the report view: state, transaction, block, UID, refUID, fee. */
export function ReportChainRecord({ seq }: { seq: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const client = useClient();
  const configured = useChainStore((state) => state.status?.configured ?? false);
  // Reload when the feed brings news about the chain (any change: the store's list is replaced).
  const recent = useChainStore((state) => state.recent);
  const [publication, setPublication] = useState<ChainPublication | null | undefined>(undefined);
  useEffect(() => {
    if (!configured) return;
    let current = true;
    void client
      .invoke('chain.publications.list', { beforeSeq: seq + 1, limit: 1 })
      .then(({ publications }) => current && setPublication(publications[0]?.seq === seq ? publications[0] : null))
      .catch(() => current && setPublication(null));
    return () => {
      current = false;
    };
  }, [client, seq, configured, recent]);
  if (!configured) return <p className="muted" data-testid="report-chain-off">{t('chain.off.none')}</p>;
  if (publication === undefined) return null;
  if (publication === null) return <p className="muted" data-testid="report-chain-none">{t('chain.report.notQueued')}</p>;
  return (
    <dl className="fields chain-fields" data-testid="report-chain" data-state={publication.state}>
      <Field label={t('chain.recent.state')} note={publication.reason ?? undefined}>
        <ChainStateChip state={publication.state} reason={publication.reason} />
      </Field>
      <Field label={t('chain.recent.tx')} note={publication.nonce === null ? undefined : t('chain.report.nonce', { nonce: publication.nonce, attempts: publication.attempts })}>
        <PublicationTx publication={publication} />
      </Field>
      <Field label={t('chain.recent.block')} note={publication.confirmedAt ? formatDateTime(publication.confirmedAt, language) : undefined}>
        {publication.blockNumber === null ? <span className="missing">—</span> : formatInteger(publication.blockNumber, language)}
      </Field>
      <Field label={publication.mode === 'attest' ? t('chain.report.uid') : t('chain.report.timestamped')}>
        <PublicationUid publication={publication} />
      </Field>
      {publication.mode === 'attest' ? (
        <Field label={t('chain.report.refUid')}>
          <span className="mono" title={publication.refUid ?? undefined}>{publication.refUid ? `${publication.refUid.slice(0, 10)}…` : '—'}</span>
        </Field>
      ) : null}
      <Field label={t('chain.report.fee')}>{publication.feeWei === null ? <span className="missing">—</span> : formatEth(BigInt(publication.feeWei), language)}</Field>
    </dl>
  );
}
