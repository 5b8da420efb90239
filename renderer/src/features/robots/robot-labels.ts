import type { TFunction } from 'i18next';
import type { RobotSummary } from '../../../../electron/contract/schemas/robots';

/** The connection as people read it: online, offline, connection broken, hibernating, or not reported yet. */
export function connectionLabel(robot: Pick<RobotSummary, 'online' | 'connection'>, t: TFunction): string {
  if (robot.connection === 'CONNECTION_BROKEN') return t('robots.connection.broken');
  if (robot.connection === 'HIBERNATING') return t('robots.connection.hibernating');
  if (robot.online) return t('robots.connection.online');
  return robot.connection === 'OFFLINE' ? t('robots.connection.offline') : t('robots.connection.unknown');
}

const MODES = ['AUTOMATIC', 'SEMIAUTOMATIC', 'MANUAL', 'SERVICE', 'TEACHIN', 'STARTUP', 'INTERVENED'] as const;

export function modeLabel(mode: string | null, t: TFunction): string | null {
  if (mode === null) return null;
  return (MODES as readonly string[]).includes(mode) ? t(`robots.mode.${mode as (typeof MODES)[number]}`) : mode;
}
