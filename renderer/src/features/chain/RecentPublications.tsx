import { useTranslation } from 'react-i18next';
import type { ChainPublication } from '../../../../electron/contract/chain-api';
import { formatInteger } from '../../i18n/format';
import { useLanguage } from '../../ui/use-language';
import { ChainStateChip } from './ChainStateChip';
import { PublicationTx, PublicationUid } from './PublicationIds';

/**
 * The newest reports on chain, one line each: state, block, transaction, UID, and why it waits
 * or failed. A handful of rows, so a plain table (a report's own view shows its record too).
 */
export function RecentPublications({ publications }: { publications: ChainPublication[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (publications.length === 0) {
    return (
      <p className="muted chain-none" data-testid="chain-publications-none">
        {t('chain.recent.none')}
      </p>
    );
  }
  return (
    <table className="chain-recent" data-testid="chain-publications">
      <caption className="sr-only">{t('chain.recent.caption')}</caption>
      <thead>
        <tr>
          <th scope="col" className="numeric">{t('chain.recent.seq')}</th>
          <th scope="col">{t('chain.recent.state')}</th>
          <th scope="col" className="numeric">{t('chain.recent.block')}</th>
          <th scope="col">{t('chain.recent.tx')}</th>
          <th scope="col">{t('chain.recent.uid')}</th>
          <th scope="col">{t('chain.recent.note')}</th>
        </tr>
      </thead>
      <tbody>
        {publications.map((publication) => (
          <tr key={publication.seq} data-testid="chain-publication-row" data-seq={publication.seq} data-state={publication.state}>
            <td className="numeric">{publication.seq}</td>
            <td>
              <ChainStateChip state={publication.state} reason={publication.reason} />
            </td>
            <td className="numeric">{publication.blockNumber === null ? <span className="missing">—</span> : formatInteger(publication.blockNumber, language)}</td>
            <td>
              <PublicationTx publication={publication} />
            </td>
            <td>
              <PublicationUid publication={publication} />
            </td>
            <td className="chain-note" title={publication.reason ?? undefined}>
              {publication.reason ?? (publication.attempts > 1 ? t('chain.recent.attempts', { n: publication.attempts }) : '')}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
