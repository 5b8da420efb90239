import { useTranslation } from 'react-i18next';
import type { Phase } from './store';

/**
 * A task's progress: a native <progress> (announced by screen readers) and the count in words.
 * Uploads and downloads count bytes; export and verify jobs count reports.
 */
export function ProgressLine({ phase, done, total, testId, integer }: { phase: Phase; done: number; total: number; testId: string; integer(value: number): string }) {
  const { t } = useTranslation();
  if (phase !== 'upload' && phase !== 'running' && phase !== 'download') return null;
  const unit = phase === 'running' ? 'reports' : 'bytes';
  const label = t(`reports.progress.${phase}`);
  return (
    <div className="reports-progress" data-testid={testId} data-phase={phase}>
      <progress max={total > 0 ? total : undefined} value={total > 0 ? done : undefined} aria-label={label} />
      <span className="muted" aria-live="polite">
        {label} {total > 0 ? t(`reports.progress.${unit}`, { done: integer(done), total: integer(total) }) : t('reports.progress.starting')}
      </span>
    </div>
  );
}
