import { useTranslation } from 'react-i18next';
import type { GpuSourceStatus } from '../../../../electron/contract/schemas/assets';
import type { CellFormats } from './cell-formats';

type Problem = Exclude<GpuSourceStatus['state'], 'ok'>;

/** A GPU that stopped answering is an incident; a missing driver is a set-up step. */
const TONE: Record<Problem, 'danger' | 'warn' | 'info'> = {
  timeout: 'danger',
  'not-installed': 'warn',
  'driver-not-loaded': 'warn',
  unparsable: 'warn',
  'no-devices': 'info',
  'never-read': 'info',
};

/**
 * What is wrong with reading the local GPUs, in words an operator can act on, with
 * nvidia-smi's own message and warnings underneath. Nothing when the last read was fine.
 */
export function GpuSourceBanner({ source, formats }: { source: GpuSourceStatus; formats: CellFormats }) {
  const { t } = useTranslation();
  if (source.state === 'ok') return null;
  const state: Problem = source.state;
  const tone = TONE[state];
  return (
    <div className={`source-banner source-banner-${tone}`} role={tone === 'danger' ? 'alert' : 'status'} data-testid="gpu-source-banner" data-state={state}>
      <span className="source-banner-icon" aria-hidden="true" />
      <div className="source-banner-text">
        <strong className="source-banner-title">{t(`inventory.banner.${state}.title`)}</strong>
        <span>{t(`inventory.banner.${state}.body`)}</span>
        {source.message || source.lastReadAt ? (
          <span className="source-banner-meta">
            {source.message ? <span className="mono">{t('inventory.source.message', { message: source.message })}</span> : null}
            {source.message && source.lastReadAt ? ' · ' : null}
            {source.lastReadAt ? <span title={source.lastReadAt}>{t('inventory.source.checkedAt', { time: formats.dateTime(source.lastReadAt) })}</span> : null}
          </span>
        ) : null}
        {source.warnings.length > 0 ? (
          <details className="source-banner-warnings">
            <summary>{t('inventory.source.warnings')}</summary>
            <ul>
              {source.warnings.map((warning) => (
                <li key={warning} className="mono">
                  {warning}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </div>
    </div>
  );
}
