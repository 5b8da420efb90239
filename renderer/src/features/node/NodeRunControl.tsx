import { useTranslation } from 'react-i18next';

interface NodeRunControlProps {
  running: boolean;
  switching: 'start' | 'stop' | null;
  onSwitch(to: 'start' | 'stop'): void;
}

/** Running or stopped, and the one button that changes it (busy while the answer is awaited). */
export function NodeRunControl({ running, switching, onSwitch }: NodeRunControlProps) {
  const { t } = useTranslation();
  const state = running ? 'running' : 'stopped';
  return (
    <div className="node-run">
      <span className={`chip chip-node-${state}`} data-testid="node-running" data-state={state} role="status">
        <span className="chip-dot" aria-hidden="true" />
        {t(`node.status.${state}`)}
      </span>
      {running ? (
        <button type="button" className="button" onClick={() => onSwitch('stop')} disabled={switching !== null} aria-busy={switching === 'stop'} title={t('node.status.stopHelp')} data-testid="node-stop">
          {switching === 'stop' ? <span className="spinner" aria-hidden="true" /> : <span className="node-stop-icon" aria-hidden="true" />}
          {switching === 'stop' ? t('node.status.stopping') : t('node.status.stop')}
        </button>
      ) : (
        <button type="button" className="button button-primary" onClick={() => onSwitch('start')} disabled={switching !== null} aria-busy={switching === 'start'} title={t('node.status.startHelp')} data-testid="node-start">
          {switching === 'start' ? <span className="spinner" aria-hidden="true" /> : <span className="node-start-icon" aria-hidden="true" />}
          {switching === 'start' ? t('node.status.starting') : t('node.status.start')}
        </button>
      )}
    </div>
  );
}
