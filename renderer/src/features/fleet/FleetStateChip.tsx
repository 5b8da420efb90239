import { useTranslation } from 'react-i18next';
import type { FleetSourceStatus, FleetTargetStatus } from '../../../../electron/contract/schemas/fleet';

type SourceState = FleetSourceStatus['state'];
type TargetState = FleetTargetStatus['state'];

/** The chip colour of a source or target state: the health chip's palette, so "down" reads as failing everywhere. */
const TONE: Record<SourceState | TargetState, 'ok' | 'degraded' | 'failing' | 'unknown'> = {
  ok: 'ok',
  up: 'ok',
  partial: 'degraded',
  down: 'failing',
  timeout: 'failing',
  unreachable: 'failing',
  'http-status': 'failing',
  'too-large': 'failing',
  unparsable: 'failing',
  'never-read': 'unknown',
};

export function fleetTone(state: SourceState | TargetState): 'ok' | 'degraded' | 'failing' | 'unknown' {
  return TONE[state];
}

/** A source's state (ok, partial, down, not read yet) as a chip. */
export function SourceStateChip({ state, testId }: { state: SourceState; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span className={`chip chip-health-${TONE[state]}`} data-testid={testId ?? 'fleet-source-state'} data-state={state}>
      <span className="chip-dot" aria-hidden="true" />
      {t(`fleet.state.${state}`)}
    </span>
  );
}

/** A target's state (up, timeout, refused …) as a chip. */
export function TargetStateChip({ state }: { state: TargetState }) {
  const { t } = useTranslation();
  return (
    <span className={`chip chip-health-${TONE[state]}`} data-testid="fleet-target-state" data-state={state}>
      <span className="chip-dot" aria-hidden="true" />
      {t(`fleet.targetState.${state}`)}
    </span>
  );
}
