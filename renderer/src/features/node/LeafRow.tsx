import { memo } from 'react';
import { shortenHash } from '../../i18n/format';
import type { ReportLeaf } from './leaf-filter';
import type { NodeFormats } from './node-formats';
import type { NodeLabels } from './use-node-labels';

interface LeafRowProps {
  leaf: ReportLeaf;
  index: number;
  top: number;
  formats: NodeFormats;
  labels: NodeLabels;
}

/** Below a full share, a percentage is drawn in the warning colour: the eye finds the gaps. */
const partial = (bps: number): string => (bps < 10_000 ? 'node-cell numeric node-partial' : 'node-cell numeric');

/** One asset's line in the report; memoized like the report rows. */
export const LeafRow = memo(function LeafRow({ leaf, index, top, formats, labels }: LeafRowProps) {
  const flags = leaf.healthFlags.map((name) => labels.flag(name));
  const worst = flags.find((flag) => flag.severity === 'danger') ?? flags[0];
  const flagTitle = flags.map((flag) => (flag.help ? `${flag.label}: ${flag.help}` : flag.label)).join('\n');
  const hwTitle = leaf.hwAttested ? labels.hwAttested(leaf.evidenceHash) : null;
  const identityTitle = [leaf.identityOk ? labels.identityOk : labels.identityMismatch, hwTitle].filter(Boolean).join('\n');
  return (
    <div role="row" aria-rowindex={index + 2} className="node-row" data-testid="node-leaf-row" data-asset-id={leaf.assetId} data-flags={leaf.healthFlags.join(' ')} data-hw-attested={leaf.hwAttested} style={{ transform: `translateY(${top}px)` }}>
      <div role="cell" className="node-cell mono" title={leaf.assetId}>
        {leaf.assetId}
      </div>
      <div role="cell" className="node-cell">
        {labels.kind[leaf.kind]}
      </div>
      <div role="cell" className={partial(leaf.uptimeBps)}>
        {formats.bps(leaf.uptimeBps)}
      </div>
      <div role="cell" className={partial(leaf.observedBps)}>
        {formats.bps(leaf.observedBps)}
      </div>
      <div role="cell" className="node-cell numeric">
        {formats.bps(leaf.meanUtilBps)}
      </div>
      <div role="cell" className="node-cell numeric">
        {formats.bps(leaf.p95UtilBps)}
      </div>
      <div role="cell" className="node-cell numeric">
        {formats.bigInteger(leaf.energyWh)}
      </div>
      <div role="cell" className="node-cell leaf-flags" title={flagTitle || undefined}>
        {/* The worst flag first, the others counted: one chip per flag does not fit a row. */}
        {worst ? (
          <span className={`chip chip-flag chip-flag-${worst.severity}`} data-flag={worst.name}>
            <span className="chip-text">{worst.label}</span>
          </span>
        ) : null}
        {flags.length > 1 ? <span className="chip chip-flag-more">+{flags.length - 1}</span> : null}
      </div>
      <div role="cell" className={leaf.identityOk ? 'node-cell leaf-identity leaf-identity-ok' : 'node-cell leaf-identity leaf-identity-bad'} title={identityTitle}>
        <span aria-hidden="true">{leaf.identityOk ? '✓' : '✗'}</span>
        <span className="sr-only">{leaf.identityOk ? labels.identityOk : labels.identityMismatch}</span>
        {/* Beside the register's check, the chip's own: verified hardware-rooted evidence for this epoch. */}
        {leaf.hwAttested ? (
          <span className="leaf-hw-mark" data-testid="node-leaf-hw">
            {labels.hwMark}
            <span className="sr-only">{hwTitle}</span>
          </span>
        ) : null}
      </div>
      <div role="cell" className="node-cell mono" title={leaf.leafHash}>
        {shortenHash(leaf.leafHash, 4)}
      </div>
    </div>
  );
});
