import type { ChainPublication } from '../../../../electron/contract/chain-api';
import { shortenHash } from '../../i18n/format';
import { ExternalLink } from './ExternalLink';

/** The transaction and the UID of a publication, linked to the explorer where a template is configured. */
export function PublicationTx({ publication }: { publication: ChainPublication }) {
  if (!publication.txHash) return <span className="missing">—</span>;
  return publication.txUrl ? (
    <ExternalLink href={publication.txUrl} title={publication.txHash} testId="chain-tx-link">
      {shortenHash(publication.txHash)}
    </ExternalLink>
  ) : (
    <span className="mono" title={publication.txHash} data-testid="chain-tx">
      {shortenHash(publication.txHash)}
    </span>
  );
}

export function PublicationUid({ publication }: { publication: ChainPublication }) {
  if (!publication.uid || publication.state === 'queued') return <span className="missing">—</span>;
  return publication.attestationUrl ? (
    <ExternalLink href={publication.attestationUrl} title={publication.uid} testId="chain-uid-link">
      {shortenHash(publication.uid)}
    </ExternalLink>
  ) : (
    <span className="mono" title={publication.uid} data-testid="chain-uid">
      {shortenHash(publication.uid)}
    </span>
  );
}
