import { useTranslation } from 'react-i18next';
import type { ChainStatus } from '../../../../electron/contract/chain-api';
import { useClient } from '../../client/client-context';
import { formatInteger, formatDecimal, shortenHash } from '../../i18n/format';
import { Card } from '../../ui/Card';
import { Field } from '../../ui/Fields';
import { useLanguage } from '../../ui/use-language';
import { daysCovered, formatEth } from './chain-formats';
import { RecentPublications } from './RecentPublications';
import { useChainStore } from './store';
import { useChainPolling } from './use-chain-polling';

const STATES = ['queued', 'sent', 'confirmed', 'failed'] as const;

/**
 * On-chain publication on the Node page: which network, whether its RPC answers, the block, the
 * signer's gas balance (and a warning when it will not pay for the next day of reports), how
 * many reports are queued, sent, confirmed or failed, and the newest ones with explorer links.
 */
export function ChainPanel() {
  const { t } = useTranslation();
  const client = useClient();
  const status = useChainStore((state) => state.status);
  const recent = useChainStore((state) => state.recent);
  useChainPolling(client);
  if (!status) return null;
  if (!status.configured) {
    return (
      <Card title={t('chain.title')} className="chain-panel" testId="chain-panel">
        <p className="muted" data-testid="chain-off">
          {status.configError ? t('chain.off.error', { error: status.configError }) : t('chain.off.none')}
        </p>
      </Card>
    );
  }
  return (
    <Card title={t('chain.title')} className="chain-panel" testId="chain-panel" actions={<ConnectionChip status={status} />}>
      <ChainFields status={status} />
      {status.lowBalance ? <LowBalance status={status} /> : null}
      <RecentPublications publications={recent ?? []} />
    </Card>
  );
}

function ConnectionChip({ status }: { status: ChainStatus }) {
  const { t } = useTranslation();
  const title = status.lastError ?? t(`chain.connectionHelp.${status.connection}`);
  return (
    <span className={`chip chip-chain-connection-${status.connection}`} data-testid="chain-connection" data-state={status.connection} title={title}>
      <span className="chip-dot" aria-hidden="true" />
      {t(`chain.connection.${status.connection}`)}
    </span>
  );
}

function ChainFields({ status }: { status: ChainStatus }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const network = status.network!;
  const balance = status.balanceWei === null ? null : BigInt(status.balanceWei);
  const days = balance === null ? null : daysCovered(balance, status.costPerReportWei === null ? null : BigInt(status.costPerReportWei), status.reportsPerDay);
  return (
    <dl className="fields chain-fields">
      <Field label={t('chain.field.network')} note={t('chain.field.networkNote', { chainId: network.chainId, mode: t(`chain.mode.${network.mode}`), confirmations: network.confirmations })}>
        <span data-testid="chain-network" data-network={network.name} data-chain-id={network.chainId} title={network.rpcHost}>
          {network.name}
        </span>
      </Field>
      <Field label={t('chain.field.block')} note={status.nextRetryAt ? t('chain.field.retrying') : undefined}>
        <span data-testid="chain-block" data-block={status.block ?? ''}>
          {status.block === null ? <span className="missing">—</span> : formatInteger(Number(status.block), language)}
        </span>
      </Field>
      <Field label={t('chain.field.signer')} note={status.signer ? <span className="mono" title={status.signer}>{shortenHash(status.signer, 4)}</span> : t('chain.field.locked')}>
        <span data-testid="chain-balance" data-wei={status.balanceWei ?? ''} className={status.lowBalance ? 'chain-low' : undefined}>
          {balance === null ? <span className="missing">—</span> : formatEth(balance, language)}
        </span>
      </Field>
      <Field label={t('chain.field.cost')} note={days === null ? undefined : t('chain.field.days', { days: formatDecimal(days, language) })}>
        <span data-testid="chain-cost">{status.costPerReportWei === null ? <span className="missing">—</span> : formatEth(BigInt(status.costPerReportWei), language)}</span>
      </Field>
      <Field label={t('chain.field.reports')}>
        <span className="report-counts" data-testid="chain-counts">
          {STATES.map((state) => (
            <span key={state} className={`report-count chain-count-${state}`} data-state={state} data-count={status.counts[state]} title={t(`chain.stateHelp.${state}`)}>
              {t('chain.counts.line', { label: t(`chain.state.${state}`), n: formatInteger(status.counts[state], language) })}
            </span>
          ))}
        </span>
      </Field>
    </dl>
  );
}

function LowBalance({ status }: { status: ChainStatus }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const perDay = status.costPerReportWei === null ? null : (BigInt(status.costPerReportWei) * BigInt(Math.ceil(status.reportsPerDay))).toString();
  return (
    <p className="chain-warning" role="alert" data-testid="chain-low-balance">
      {perDay === null ? t('chain.lowBalance.empty', { signer: status.signer ?? '' }) : t('chain.lowBalance.day', { need: formatEth(BigInt(perDay), language), signer: status.signer ?? '' })}
    </p>
  );
}
