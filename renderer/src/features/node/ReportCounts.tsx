import { useTranslation } from 'react-i18next';
import type { NodeStatus } from '../../../../electron/contract/schemas/node';
import type { NodeFormats } from './node-formats';
import { REPORT_STATUSES } from './ReportStatusChip';
import type { NodeLabels } from './use-node-labels';

/**
 * How many reports wait unsigned, are signed, are published: "Unsigned: 3", one line each. The
 * label comes first, so no plural form is needed ("1 unsigned" / "2 non signés" would be).
 */
export function ReportCounts({ counts, formats, labels }: { counts: NodeStatus['reports']; formats: NodeFormats; labels: NodeLabels }) {
  const { t } = useTranslation();
  return (
    <span className="report-counts" data-testid="node-report-counts">
      {REPORT_STATUSES.map((status) => (
        <span key={status} className={`report-count report-count-${status}`} data-status={status} data-count={counts[status]} title={labels.reportStatus.help[status]}>
          {t('node.counts.line', { label: t(`node.counts.${status}`), n: formats.integer(counts[status]) })}
        </span>
      ))}
    </span>
  );
}
