import { memo } from 'react';
import type { GpuEvidenceRecord } from '../../../../electron/contract/gpu-evidence-api';
import type { AssetSummary } from '../../../../electron/contract/schemas/assets';
import { GridRowFrame } from '../../ui/GridRowFrame';
import { EvidenceBadgeView } from '../gpu-evidence/EvidenceBadge';
import { HealthChipView, StatusChipView } from './AssetChips';
import type { CellFormats } from './cell-formats';
import type { RowLabels } from './row-labels';

interface InventoryRowProps {
  asset: AssetSummary;
  /** Position in the filtered, sorted list (0-based). */
  index: number;
  domId: string;
  /** Offset from the top of the rows, in px. */
  top: number;
  selected: boolean;
  hostName: string | null;
  /** The GPU's latest hardware evidence, if any was collected (same object until it changes). */
  evidence: GpuEvidenceRecord | undefined;
  formats: CellFormats;
  labels: RowLabels;
  onActivate(id: string): void;
}

// A plain span, not <Missing />: no i18next subscription per cell (14 cells × 40 rows).
const DASH = (
  <span className="missing" aria-hidden="true">
    —
  </span>
);

const orDash = (value: string | null | undefined) => (value === null || value === undefined || value === '' ? DASH : value);

/**
 * One asset as a grid row. Memoized: while scrolling only the rows entering the window render,
 * the others keep their props (same asset object, formats and callback).
 */
export const InventoryRow = memo(function InventoryRow({ asset, index, domId, top, selected, hostName, evidence, formats, labels, onActivate }: InventoryRowProps) {
  const label = asset.label || asset.model;
  const location = asset.site || asset.rack ? [asset.site, asset.rack].filter(Boolean).join(' / ') : null;
  return (
    <GridRowFrame index={index} domId={domId} top={top} selected={selected} rowClass="inv-row" onActivate={() => onActivate(asset.id)} data-testid="inventory-row" data-asset-id={asset.id} data-status={asset.status}>
      <div role="gridcell" className={evidence ? 'inv-cell inv-cell-badged' : 'inv-cell'}>
        {evidence ? (
          <>
            {/* The chip's own proof of identity, beside what kind of asset it is. */}
            <span className="inv-cell-text">{labels.kind[asset.kind]}</span>
            <EvidenceBadgeView record={evidence} labels={labels.evidence} compact />
          </>
        ) : (
          labels.kind[asset.kind]
        )}
      </div>
      <div role="gridcell" className="inv-cell" title={label ?? undefined}>
        {orDash(label)}
      </div>
      <div role="gridcell" className="inv-cell mono" title={asset.id}>
        {asset.id}
      </div>
      <div role="gridcell" className="inv-cell" title={asset.hostId ?? undefined}>
        {orDash(hostName)}
      </div>
      <div role="gridcell" className="inv-cell mono">
        {orDash(asset.pciBusId)}
      </div>
      <div role="gridcell" className="inv-cell mono" title={asset.serial ?? undefined}>
        {orDash(asset.serial)}
      </div>
      <div role="gridcell" className="inv-cell">
        <StatusChipView status={asset.status} labels={labels} />
      </div>
      <div role="gridcell" className="inv-cell">
        <HealthChipView health={asset.health} labels={labels} />
      </div>
      <div role="gridcell" className="inv-cell numeric">
        {asset.utilizationGpuPct === null ? DASH : formats.whole(asset.utilizationGpuPct)}
      </div>
      <div role="gridcell" className="inv-cell numeric">
        {asset.powerDrawW === null ? DASH : formats.watts(asset.powerDrawW)}
      </div>
      <div role="gridcell" className="inv-cell numeric">
        {asset.temperatureC === null ? DASH : formats.whole(asset.temperatureC)}
      </div>
      <div role="gridcell" className="inv-cell" title={location ?? undefined}>
        {orDash(location)}
      </div>
      <div role="gridcell" className="inv-cell numeric">
        {asset.acquisitionCost === null ? DASH : formats.money(asset.acquisitionCost)}
      </div>
      <div role="gridcell" className="inv-cell" title={asset.lastSeen}>
        {formats.shortDateTime(asset.lastSeen)}
      </div>
    </GridRowFrame>
  );
});
