import { useTranslation } from 'react-i18next';
import { formatTime } from '../../i18n/format';
import { useLanguage } from '../../ui/use-language';
import { useConnectionStore } from './store';

/** A dot and a word for the link to the core; the transport and last heartbeat in its title. */
export function ConnectionIndicator() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { state, transport, lastHeartbeatAt } = useConnectionStore();
  const transportName = t(`connection.transport.${transport}`);
  const heartbeat = lastHeartbeatAt ? t('connection.lastHeartbeat', { time: formatTime(lastHeartbeatAt, language) }) : t('connection.noHeartbeat');
  const details = `${t('connection.title', { transport: transportName, kind: transport })}\n${heartbeat}`;
  return (
    <div className="connection" data-testid="connection-indicator" data-state={state} data-transport={transport} title={details} role="status">
      <span className="connection-dot" aria-hidden="true" />
      <span className="connection-text">{t(`connection.state.${state}`)}</span>
      <span className="sr-only">{t('connection.title', { transport: transportName, kind: transport })}</span>
    </div>
  );
}
