import type { GpuEvidenceRecord } from '../../../../electron/contract/gpu-evidence-api';
import type { EvidenceBadgeLabels } from './evidence-labels';
import { evidenceVerdict } from './evidence-verdict';

/**
 * The Inventory row's mark for a GPU with evidence: hardware-attested, rejected or not collected,
 * the epoch and the UEID (or the reason) in the tooltip. Plain strings in: rows do not translate.
 */
export function EvidenceBadgeView({ record, labels }: { record: GpuEvidenceRecord; labels: EvidenceBadgeLabels }) {
  const verdict = evidenceVerdict(record);
  return (
    <span className={`chip chip-evidence chip-evidence-${verdict}`} data-testid="evidence-badge" data-verdict={verdict} data-epoch={record.epochSeq} title={labels.title(record)}>
      <span className="chip-evidence-mark" aria-hidden="true" />
      {labels.text[verdict]}
    </span>
  );
}
