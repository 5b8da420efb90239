import type { ReportSummary } from '../../../../electron/contract/schemas/node';

export type ReportStatus = ReportSummary['status'];
export const REPORT_STATUSES: readonly ReportStatus[] = ['unsigned', 'signed', 'published'];

export interface ReportStatusLabels {
  label: Record<ReportStatus, string>;
  help: Record<ReportStatus, string>;
}

/** Unsigned (waiting for the key), signed, published; the meaning in the tooltip. */
export function ReportStatusChip({ status, labels }: { status: ReportStatus; labels: ReportStatusLabels }) {
  return (
    <span className={`chip chip-report-${status}`} data-testid="node-report-status" data-status={status} title={labels.help[status]}>
      <span className="chip-dot" aria-hidden="true" />
      {labels.label[status]}
    </span>
  );
}
