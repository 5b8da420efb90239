import type { RobotSummary } from '../../../../electron/contract/schemas/robots';

/** Connection as a chip: the colour says whether the robot can be reached, the text says how the broker knows. */
export function ConnectionChip({ robot, label }: { robot: Pick<RobotSummary, 'online' | 'connection'>; label: string }) {
  const tone = robot.online ? 'ok' : robot.connection === 'CONNECTION_BROKEN' ? 'failing' : 'unknown';
  return (
    <span className={`chip chip-health-${tone}`} data-testid="robot-connection" data-online={robot.online} data-connection={robot.connection ?? ''}>
      <span className="chip-dot" aria-hidden="true" />
      {label}
    </span>
  );
}

/** Active errors: the worst level colours the chip; the count says how many. */
export function ErrorsChip({ errors, label, none }: { errors: RobotSummary['errors']; label: string; none: string }) {
  if (errors.length === 0) return <span className="muted">{none}</span>;
  const fatal = errors.some((error) => error.level === 'FATAL');
  return (
    <span className={`chip ${fatal ? 'chip-health-failing' : 'chip-health-degraded'}`} title={errors.map((error) => `${error.type} (${error.sourceLevel})`).join(', ')} data-testid="robot-errors" data-count={errors.length}>
      <span className="chip-count">{errors.length}</span>
      {label}
    </span>
  );
}
