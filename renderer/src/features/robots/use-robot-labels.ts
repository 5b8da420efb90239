import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { connectionLabel, modeLabel } from './robot-labels';
import type { RobotRowLabels } from './RobotRow';

/** The row labels, built once per language (rows are memoized on them). */
export function useRobotLabels(): RobotRowLabels {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      connection: (robot) => connectionLabel(robot, t),
      mode: (mode) => modeLabel(mode, t),
      activity: (robot) => t(`robots.activity.${robot.activity}`),
      errors: t('robots.errors.active'),
      none: t('robots.errors.none'),
      charging: '⚡',
    }),
    [t],
  );
}
