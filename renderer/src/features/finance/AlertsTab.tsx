import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FinanceAlert } from '../../../../electron/contract/schemas/collateral';
import { useClient } from '../../client/client-context';
import { describeError } from '../../client/describe-error';
import { EmptyState } from '../../ui/EmptyState';
import { CsvActions } from './CsvActions';
import type { FinanceFormats } from './finance-formats';

const SEVERITY: Record<FinanceAlert['kind'], string> = { 'coverage-breach': 'danger', 'collateral-excluded': 'danger', 'invoice-overdue': 'warn', 'coverage-restored': 'ok' };

/** Alerts, newest first (also pushed as desktop notifications); "Check now" runs the checks on today. */
export function AlertsTab({ alerts, formats }: { alerts: FinanceAlert[] | undefined; formats: FinanceFormats }) {
  const { t } = useTranslation();
  const client = useClient();
  const [problem, setProblem] = useState<string | null>(null);
  const check = async () => {
    try {
      await client.invoke('finance.alerts.check', {});
    } catch (error) {
      setProblem(describeError(error).message);
    }
  };
  const checkButton = (
    <button type="button" className="button" onClick={() => void check()} data-testid="finance-alerts-check">
      {t('finance.books.alerts.check')}
    </button>
  );
  if (!alerts) return <p className="muted">{t('common.loading')}</p>;
  return (
    <div className="fin-books" data-testid="finance-alerts">
      <div className="fin-toolbar">
        <span className="muted">{t('finance.books.alerts.explain')}</span>
        {checkButton}
      </div>
      {problem ? <p role="alert" className="fin-danger">{problem}</p> : null}
      {alerts.length === 0 ? (
        <EmptyState testId="finance-alerts-empty">
          <p className="fin-empty-title">{t('finance.books.alerts.emptyTitle')}</p>
          <p>{t('finance.books.alerts.emptyExplain')}</p>
        </EmptyState>
      ) : (
        <ul className="fin-alerts">
          {alerts.map((alert) => (
            <li key={alert.id} className={`fin-alert fin-alert-${SEVERITY[alert.kind]}`} data-testid="finance-alert" data-kind={alert.kind} data-subject={alert.subject}>
              <span className="fin-alert-kind">{t(`finance.books.alerts.kind.${alert.kind}`)}</span>
              <span className="fin-alert-message">{alert.message}</span>
              <span className="fin-sub">{t('finance.books.alerts.asOf', { date: formats.date(alert.asOf) })}</span>
            </li>
          ))}
        </ul>
      )}
      <CsvActions imports={[]} exports={['alerts']} />
    </div>
  );
}
