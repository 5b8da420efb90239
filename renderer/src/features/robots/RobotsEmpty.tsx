import { useTranslation } from 'react-i18next';
import type { RobotSourceStatus } from '../../../../electron/contract/schemas/robots';
import { EmptyState } from '../../ui/EmptyState';

/**
 * No robot yet. Says why (no broker configured, or a broker that has not delivered any robot)
 * and what to do: point Sietch at the site's broker, or run its own, or try the simulator.
 */
export function RobotsEmpty({ source }: { source: RobotSourceStatus }) {
  const { t } = useTranslation();
  return (
    <EmptyState testId="robots-empty">
      <p>
        <strong>{source.mode === 'off' ? t('robots.empty.noBroker') : t('robots.empty.noRobots', { broker: source.brokerUrl ?? '—' })}</strong>
      </p>
      <p>{t('robots.empty.configure')}</p>
      <pre className="robots-config-example">{`"robots": {\n  "broker": { "url": "mqtts://broker.site:8883", "caFile": "/etc/sietch/ca.pem",\n              "username": "sietch", "passwordFile": "/etc/sietch/mqtt-password" }\n}`}</pre>
      <p>{t('robots.empty.embedded')}</p>
      <p>{t('robots.empty.topics', { topics: source.subscriptions.length > 0 ? source.subscriptions.join(', ') : 'uagv/v2/+/+/state, vda5050/v3/+/+/state …' })}</p>
      <p>{t('robots.empty.simulate')}</p>
    </EmptyState>
  );
}
