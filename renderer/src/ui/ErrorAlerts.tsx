import { useTranslation } from 'react-i18next';
import type { UiError } from '../client/describe-error';

export interface ShownError {
  id: string;
  /** What was being done, already translated ("Host inventory"). */
  context: string;
  error: UiError;
  onDismiss(): void;
}

/**
 * One live region for a page's failures. It is always in the DOM, even empty, because
 * screen readers only announce changes to a live region that already existed.
 */
export function ErrorAlerts({ errors }: { errors: ShownError[] }) {
  const { t } = useTranslation();
  return (
    <div className="alerts" role="alert" aria-live="assertive" aria-label={t('errors.regionLabel')} data-testid="error-region">
      {errors.map(({ id, context, error, onDismiss }) => (
        <div key={id} className="alert" data-testid="error-alert" data-code={error.code}>
          <div className="alert-text">
            <strong className="alert-title">
              {t('errors.heading', { area: context, problem: t(`errors.code.${error.code}`) })}
            </strong>
            <span className="alert-message" data-testid="error-message">
              {error.message}
            </span>
          </div>
          <button type="button" className="button button-quiet" onClick={onDismiss}>
            {t('errors.dismiss')}
          </button>
        </div>
      ))}
    </div>
  );
}
