import { memo } from 'react';
import type { ReportSummary } from '../../../../electron/contract/schemas/node';
import { shortenHash } from '../../i18n/format';
import { GridRowFrame } from '../../ui/GridRowFrame';
import type { NodeFormats } from './node-formats';
import { ReportStatusChip } from './ReportStatusChip';
import type { NodeLabels } from './use-node-labels';

interface ReportRowProps {
  report: ReportSummary;
  index: number;
  domId: string;
  /** Offset from the top of the rows, in px. */
  top: number;
  selected: boolean;
  formats: NodeFormats;
  labels: NodeLabels;
  onActivate(seq: number): void;
}

// A plain span, not <Missing />: no i18next subscription per cell.
const DASH = (
  <span className="missing" aria-hidden="true">
    —
  </span>
);

/** One report as a grid row; memoized, so scrolling renders only the rows coming into view. */
export const ReportRow = memo(function ReportRow({ report, index, domId, top, selected, formats, labels, onActivate }: ReportRowProps) {
  const utc = formats.epochWindowUtc(report.epochStart, report.epochEnd);
  return (
    <GridRowFrame index={index} domId={domId} top={top} selected={selected} rowClass="node-row" onActivate={() => onActivate(report.seq)} data-testid="node-report-row" data-seq={report.seq} data-status={report.status}>
      <div role="gridcell" className="node-cell numeric">
        {report.seq}
      </div>
      <div role="gridcell" className="node-cell" title={utc}>
        {formats.epochWindow(report.epochStart, report.epochEnd)}
      </div>
      <div role="gridcell" className="node-cell numeric">
        {formats.integer(report.assetCount)}
      </div>
      <div role="gridcell" className={report.observedBps < 10_000 ? 'node-cell numeric node-partial' : 'node-cell numeric'}>
        {formats.bps(report.observedBps)}
      </div>
      <div role="gridcell" className="node-cell">
        <ReportStatusChip status={report.status} labels={labels.reportStatus} />
      </div>
      <div role="gridcell" className="node-cell mono" title={report.merkleRoot}>
        {shortenHash(report.merkleRoot)}
      </div>
      <div role="gridcell" className="node-cell mono" title={report.reportHash ?? labels.notSigned}>
        {report.reportHash ? shortenHash(report.reportHash) : DASH}
      </div>
      <div role="gridcell" className="node-cell mono" title={report.signer ?? labels.notSigned}>
        {report.signer ? shortenHash(report.signer, 4) : DASH}
      </div>
    </GridRowFrame>
  );
});
