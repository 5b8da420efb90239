import type { GpuEvidenceRecord } from '../../../../electron/contract/gpu-evidence-api';
import type { EvidenceBadgeLabels } from './evidence-labels';
import { evidenceVerdict } from './evidence-verdict';

/**
 * The mark of a GPU with evidence: hardware-attested, rejected or not collected, the epoch and
 * the UEID (or the reason) in the tooltip. Plain strings in: grid rows do not translate. Compact
 * in the grid ("HW ✓", the full words for screen readers): the full words took the model
 * column's room in a 1440 px window.
 */
export function EvidenceBadgeView({ record, labels, compact }: { record: GpuEvidenceRecord; labels: EvidenceBadgeLabels; compact?: boolean }) {
  const verdict = evidenceVerdict(record);
  return (
    <span className={`chip chip-evidence chip-evidence-${verdict}`} data-testid="evidence-badge" data-verdict={verdict} data-epoch={record.epochSeq} title={labels.title(record)}>
      {/* The grid's badge drops the mark: "GPU" and the badge must fit the kind column. */}
      {compact ? null : <span className="chip-evidence-mark" aria-hidden="true" />}
      {compact ? (
        <>
          <span aria-hidden="true">{labels.short[verdict]}</span>
          <span className="sr-only">{labels.text[verdict]}</span>
        </>
      ) : (
        labels.text[verdict]
      )}
    </span>
  );
}
