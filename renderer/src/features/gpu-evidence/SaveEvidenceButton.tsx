import { useTranslation } from 'react-i18next';
import { downloadText } from '../../ui/save-file';
import type { EvidenceDetail } from './evidence-detail-store';
import { evidenceFileName, evidenceFileText } from './evidence-formats';

/** Saves the evidence and this node's verdict as JSON, for an auditor to re-check offline. */
export function SaveEvidenceButton({ detail }: { detail: EvidenceDetail }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="button" title={t('gpuEvidence.saveHelp')} data-testid="evidence-save" onClick={() => downloadText(evidenceFileText(detail), evidenceFileName(detail.record), 'application/json')}>
      {t('gpuEvidence.save')}
    </button>
  );
}
