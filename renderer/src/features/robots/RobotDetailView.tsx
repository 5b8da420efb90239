import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { RobotDetail } from '../../../../electron/contract/schemas/robots';
import { useClient } from '../../client/client-context';
import { Field, Fields } from '../../ui/Fields';
import { ConnectionChip } from './RobotChips';
import { connectionLabel, modeLabel } from './robot-labels';
import type { RobotFormats } from './robot-formats';
import { RobotTimeline } from './RobotTimeline';
import { loadRobotDetail, useRobotsStore } from './store';

const DASH = '—';

function eventSummary(payload: unknown): string {
  if (typeof payload !== 'object' || payload === null) return '';
  const record = payload as Record<string, unknown>;
  return ['type', 'level', 'sourceLevel', 'description'].map((key) => record[key]).filter((value): value is string => typeof value === 'string').join(' · ');
}

/** One robot: what it is (factsheet), what it does now, what it has earned (figures), its timeline and history. */
export function RobotDetailView({ id, formats, onClose }: { id: string; formats: RobotFormats; onClose(): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const detail = useRobotsStore((state) => state.detail);
  useEffect(() => {
    void loadRobotDetail(client, id);
  }, [client, id]);

  const back = (
    <button type="button" className="button" onClick={onClose} data-testid="robot-close">
      ← {t('robots.detail.back')}
    </button>
  );
  if (!detail || detail.robot.id !== id) {
    return (
      <section className="robots-detail">
        {back}
        <p className="muted busy-line">
          <span className="spinner" aria-hidden="true" /> {t('robots.detail.loading')}
        </p>
      </section>
    );
  }
  return <Loaded detail={detail} formats={formats} back={back} />;
}

function Loaded({ detail, formats, back }: { detail: RobotDetail; formats: RobotFormats; back: React.ReactNode }) {
  const { t } = useTranslation();
  const { robot, factsheet, figures, position } = detail;
  const per100 = (value: number | null) => (value === null ? DASH : formats.decimal(value, 1));
  const reasons = Object.entries(detail.invalid).filter(([, count]) => count > 0);
  return (
    <section className="robots-detail" data-testid="robot-detail" data-robot-id={robot.id} aria-labelledby="robot-detail-title">
      <div className="robots-detail-head">
        {back}
        <h2 id="robot-detail-title" className="robots-detail-title">
          {factsheet?.seriesName ?? robot.manufacturer} <span className="mono">{robot.serialNumber}</span>
        </h2>
        <ConnectionChip robot={robot} label={connectionLabel(robot, t)} />
      </div>
      <div className="robots-detail-grid">
        <section className="card">
          <h3 className="card-title">{t('robots.detail.now')}</h3>
          <Fields>
            <Field label={t('robots.detail.id')} mono>
              {robot.id}
            </Field>
            <Field label={t('robots.detail.protocol')}>{`${robot.protocolVersion ?? `v${robot.protocolMajor}`} · ${detail.interfaceName}`}</Field>
            <Field label={t('robots.column.mode')}>{modeLabel(robot.operatingMode, t) ?? DASH}</Field>
            <Field label={t('robots.detail.activity')}>{t(`robots.activity.${robot.activity}`)}</Field>
            <Field label={t('robots.column.battery')} testId="robot-detail-battery">
              {robot.batteryPct === null ? DASH : `${formats.percent(robot.batteryPct)}${robot.charging ? ` · ${t('robots.detail.charging')}` : ''}`}
            </Field>
            <Field label={t('robots.detail.order')} mono>
              {detail.orderId ?? DASH}
            </Field>
            <Field label={t('robots.detail.position')}>{position ? `${formats.decimal(position.x, 2)}, ${formats.decimal(position.y, 2)} m · ${position.mapId}${position.localized ? '' : ` · ${t('robots.detail.notLocalized')}`}` : DASH}</Field>
            <Field label={t('robots.detail.emergencyStop')}>{detail.emergencyStop ?? DASH}</Field>
            <Field label={t('robots.detail.firstSeen')}>{robot.firstSeen ? formats.dateTime(robot.firstSeen) : DASH}</Field>
            <Field label={t('robots.column.lastSeen')}>{robot.lastSeen ? formats.dateTime(robot.lastSeen) : DASH}</Field>
          </Fields>
        </section>
        <section className="card" data-testid="robot-figures">
          <h3 className="card-title">{t('robots.detail.figures')}</h3>
          <Fields>
            <Field label={t('robots.figures.autonomousHours')} testId="robot-runtime" note={t('robots.figures.observed', { hours: formats.hours(figures.observedHours) })}>
              {formats.hours(figures.autonomousHours)}
            </Field>
            <Field label={t('robots.figures.missions')} note={figures.missionsFailed > 0 ? t('robots.figures.failed', { n: formats.integer(figures.missionsFailed) }) : undefined}>
              {formats.integer(figures.missionsCompleted)}
            </Field>
            <Field label={t('robots.figures.distance')}>{`${formats.decimal(figures.distanceKm, 2)} km`}</Field>
            <Field label={t('robots.figures.errors')} note={t('robots.figures.total', { n: formats.integer(figures.errorsRaised) })}>
              {per100(figures.errorsPer100h)}
            </Field>
            <Field label={t('robots.figures.interventions')} note={t('robots.figures.total', { n: formats.integer(figures.interventions) })}>
              {per100(figures.interventionsPer100h)}
            </Field>
          </Fields>
        </section>
        <section className="card">
          <h3 className="card-title">{t('robots.detail.factsheet')}</h3>
          {factsheet ? (
            <Fields>
              <Field label={t('robots.detail.series')}>{factsheet.seriesName}</Field>
              <Field label={t('robots.detail.class')}>{`${factsheet.robotClass} · ${factsheet.kinematics}`}</Field>
              <Field label={t('robots.detail.dimensions')}>{`${formats.decimal(factsheet.dimensions.length, 2)} × ${formats.decimal(factsheet.dimensions.width, 2)} × ${formats.decimal(factsheet.dimensions.height, 2)} m`}</Field>
              <Field label={t('robots.detail.maxSpeed')}>{`${formats.decimal(factsheet.maxSpeed, 1)} m/s`}</Field>
            </Fields>
          ) : (
            <p className="muted">{t('robots.detail.noFactsheet')}</p>
          )}
        </section>
      </div>
      <section className="card robots-detail-wide">
        <h3 className="card-title">{t('robots.detail.timeline')}</h3>
        <RobotTimeline timeline={detail.timeline} formats={formats} />
      </section>
      <div className="robots-detail-grid">
        <section className="card" data-testid="robot-active-errors">
          <h3 className="card-title">{t('robots.detail.activeErrors')}</h3>
          {robot.errors.length === 0 ? (
            <p className="muted">{t('robots.errors.none')}</p>
          ) : (
            <ul className="robots-list">
              {robot.errors.map((error) => (
                <li key={`${error.type}|${error.sourceLevel}`}>
                  <span className={`chip ${error.level === 'FATAL' ? 'chip-health-failing' : 'chip-health-degraded'}`}>{error.sourceLevel}</span> <strong>{error.type}</strong> {error.description ? <span className="muted">{error.description}</span> : null}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="card" data-testid="robot-invalid-detail">
          <h3 className="card-title">{t('robots.detail.invalid')}</h3>
          {reasons.length === 0 ? (
            <p className="muted">{t('robots.detail.noInvalid')}</p>
          ) : (
            <>
              <p>
                {reasons.map(([reason, count]) => (
                  <span key={reason} className="chip chip-health-degraded">
                    {t(`robots.invalidReason.${reason as 'schema'}`)} <span className="chip-count">{formats.integer(count)}</span>
                  </span>
                ))}
              </p>
              <ul className="robots-list">
                {detail.recentInvalid.map((sample, index) => (
                  <li key={index}>
                    <span className="muted">{formats.dateTime(sample.at)}</span> {sample.detail} <code className="robots-excerpt">{sample.excerpt}</code>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
        <section className="card" data-testid="robot-events">
          <h3 className="card-title">{t('robots.detail.events')}</h3>
          <ul className="robots-list">
            {detail.events.slice(0, 30).map((event) => (
              <li key={event.seq}>
                <span className="muted">{formats.dateTime(event.at)}</span> {t(`robots.event.${event.kind.replace('.', '_') as 'robot_online'}`, { defaultValue: event.kind })} <span className="muted">{eventSummary(event.payload)}</span>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </section>
  );
}
