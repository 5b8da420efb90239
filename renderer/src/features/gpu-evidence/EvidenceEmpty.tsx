import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../ui/EmptyState';
import { useGpuEvidenceStore } from './store';

/**
 * A GPU without evidence: what it takes to get some. With collection off (the common case) the
 * set-up; with it on, that evidence comes at the next epoch's close, and any problem collection has.
 */
export function EvidenceEmpty() {
  const { t } = useTranslation();
  const status = useGpuEvidenceStore((state) => state.status);
  const on = status !== undefined && status.source !== 'off' && status.rootSubject !== null;
  return (
    <EmptyState testId="evidence-empty">
      <p className="evidence-empty-title">
        <strong>{t('gpuEvidence.empty.title')}</strong>
      </p>
      <p data-testid="evidence-empty-body" data-state={on ? 'waiting' : 'off'}>
        {on ? t('gpuEvidence.empty.waiting') : t('gpuEvidence.empty.off')}
      </p>
      {status?.problem ? <p className="mono evidence-empty-problem">{t('gpuEvidence.empty.problem', { problem: status.problem })}</p> : null}
    </EmptyState>
  );
}
