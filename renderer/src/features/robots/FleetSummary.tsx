import { useTranslation } from 'react-i18next';
import type { RobotFleetView } from '../../../../electron/contract/schemas/robots';
import type { RobotFormats } from './robot-formats';

/**
 * One line of counts over the fleet (robots, online, with errors, invalid messages by reason)
 * and where the messages come from: the broker, whether Sietch is connected to it.
 */
export function FleetSummary({ fleet, formats }: { fleet: RobotFleetView; formats: RobotFormats }) {
  const { t } = useTranslation();
  const { robots, invalid, source } = fleet;
  const online = robots.filter((robot) => robot.online).length;
  const withErrors = robots.filter((robot) => robot.errors.length > 0).length;
  const reasons = Object.entries(invalid.byReason).filter(([, count]) => count > 0);
  return (
    <section className="card robots-summary" aria-label={t('robots.summary.label')} data-testid="robots-summary">
      <dl className="robots-counts">
        <div>
          <dt>{t('robots.summary.robots')}</dt>
          <dd data-testid="robots-count">{formats.integer(robots.length)}</dd>
        </div>
        <div>
          <dt>{t('robots.summary.online')}</dt>
          <dd data-testid="robots-online">{formats.integer(online)}</dd>
        </div>
        <div>
          <dt>{t('robots.summary.withErrors')}</dt>
          <dd>{formats.integer(withErrors)}</dd>
        </div>
        <div>
          <dt>{t('robots.summary.invalid')}</dt>
          <dd data-testid="robots-invalid-total" className={invalid.total > 0 ? 'node-partial' : undefined} title={reasons.map(([reason, count]) => `${t(`robots.invalidReason.${reason as 'schema'}`)}: ${count}`).join('\n') || undefined}>
            {formats.integer(invalid.total)}
          </dd>
        </div>
      </dl>
      <p className="muted robots-source" data-testid="robots-source" data-connected={source.connected}>
        {source.mode === 'off'
          ? t('robots.source.off')
          : t(source.connected ? 'robots.source.connected' : 'robots.source.disconnected', { broker: source.brokerUrl ?? '—', mode: t(`robots.source.mode.${source.mode}`) })}
        {source.lastError && !source.connected ? <span className="robots-source-error"> — {source.lastError}</span> : null}
      </p>
      {reasons.length > 0 ? (
        <p className="robots-invalid-reasons" data-testid="robots-invalid-reasons">
          {reasons.map(([reason, count]) => (
            <span key={reason} className="chip chip-health-degraded">
              {t(`robots.invalidReason.${reason as 'schema'}`)} <span className="chip-count">{formats.integer(count)}</span>
            </span>
          ))}
        </p>
      ) : null}
    </section>
  );
}
