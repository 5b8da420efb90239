import { useTranslation } from 'react-i18next';
import type { FleetSourceTest } from '../../../../electron/contract/schemas/fleet';
import type { UiError } from '../../client/describe-error';
import type { FleetFormats } from './fleet-formats';
import { SourceStateChip } from './FleetStateChip';

/** What a connection test is doing or found: nothing yet, running, the read's outcome, or the call's failure. */
export type TestStatus = { kind: 'idle' } | { kind: 'testing' } | { kind: 'done'; result: FleetSourceTest } | { kind: 'failed'; error: UiError };

const SHOWN_WARNINGS = 5;

/**
 * One connection test's outcome: the state, what was found (hosts, GPUs, targets up), how long
 * it took, and the source's own message when it is not ok. A live region: it is announced.
 */
export function TestResult({ status, formats }: { status: TestStatus; formats: FleetFormats }) {
  const { t } = useTranslation();
  return (
    <div className="fleet-test" role="status" aria-live="polite" data-testid="fleet-test-result" data-state={status.kind === 'done' ? status.result.state : status.kind}>
      {status.kind === 'testing' ? (
        <p className="muted busy-line">
          <span className="spinner" aria-hidden="true" /> {t('fleet.test.running')}
        </p>
      ) : null}
      {status.kind === 'failed' ? <p className="field-error">{t('fleet.test.failed', { message: status.error.message })}</p> : null}
      {status.kind === 'done' ? (
        <>
          <p className="fleet-test-line">
            <SourceStateChip state={status.result.state} testId="fleet-test-state" />
            <span data-testid="fleet-test-summary">
              {t('fleet.test.summary', {
                hosts: formats.integer(status.result.hosts),
                gpus: formats.integer(status.result.gpus),
                up: formats.integer(status.result.targetsUp),
                targets: formats.integer(status.result.targets),
                duration: formats.duration(status.result.durationMs),
              })}
            </span>
          </p>
          {status.result.message ? (
            <p className="fleet-message" data-testid="fleet-test-message">
              {status.result.message}
            </p>
          ) : null}
          {status.result.warnings.length > 0 ? (
            <ul className="fleet-warnings">
              {status.result.warnings.slice(0, SHOWN_WARNINGS).map((warning, index) => (
                <li key={index}>{warning}</li>
              ))}
              {status.result.warnings.length > SHOWN_WARNINGS ? <li className="muted">{t('fleet.moreWarnings', { n: formats.integer(status.result.warnings.length - SHOWN_WARNINGS) })}</li> : null}
            </ul>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
