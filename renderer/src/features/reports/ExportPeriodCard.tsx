import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../client/client-context';
import { Card } from '../../ui/Card';
import type { NodeFormats } from '../node/node-formats';
import { defaultPeriod, periodInstants, periodProblem } from './audit-period';
import { ProgressLine } from './ProgressLine';
import { exportPeriod, isBusy, useReportsStore } from './store';

/** Export a period's audit bundle: two UTC days (both included), a progress bar, the file saved. */
export function ExportPeriodCard({ formats }: { formats: NodeFormats }) {
  const { t } = useTranslation();
  const client = useClient();
  const ids = { from: useId(), to: useId(), error: useId() };
  const [period, setPeriod] = useState(() => defaultPeriod(Date.now()));
  const [touched, setTouched] = useState(false);
  const exporting = useReportsStore((state) => state.exporting);
  const problem = periodProblem(period.from, period.to);
  const running = isBusy(exporting.phase);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (problem === null) void exportPeriod(client, periodInstants(period.from, period.to));
  };

  return (
    <Card title={t('reports.export.title')} testId="reports-export">
      <p className="reports-help">{t('reports.export.help')}</p>
      <form className="reports-form" onSubmit={submit} noValidate>
        <div className="reports-field">
          <label htmlFor={ids.from}>{t('reports.export.from')}</label>
          <input id={ids.from} className="input" type="date" value={period.from} aria-invalid={touched && (problem === 'from' || problem === 'order')} aria-describedby={ids.error} data-testid="reports-export-from" onChange={(event) => setPeriod({ ...period, from: event.target.value })} />
        </div>
        <div className="reports-field">
          <label htmlFor={ids.to}>{t('reports.export.to')}</label>
          <input id={ids.to} className="input" type="date" value={period.to} aria-invalid={touched && (problem === 'to' || problem === 'order')} aria-describedby={ids.error} data-testid="reports-export-to" onChange={(event) => setPeriod({ ...period, to: event.target.value })} />
        </div>
        <button type="submit" className="button button-primary" disabled={running} data-testid="reports-export-button">
          {running ? <span className="spinner" aria-hidden="true" /> : null}
          {t('reports.export.button')}
        </button>
      </form>
      <p id={ids.error} className={touched && problem ? 'field-error' : 'field-hint'} role={touched && problem ? 'alert' : undefined}>
        {touched && problem ? t(`reports.export.problem.${problem}`) : t('reports.export.utc')}
      </p>
      <ProgressLine phase={exporting.phase} done={exporting.done} total={exporting.total} testId="reports-export-progress" integer={formats.integer} />
      {exporting.phase === 'failed' && exporting.error ? (
        <p className="reports-outcome reports-outcome-bad" role="alert" data-testid="reports-export-error">
          {exporting.error.message}
        </p>
      ) : null}
      {exporting.phase === 'done' && exporting.summary ? (
        <p className="reports-outcome reports-outcome-ok" data-testid="reports-export-done">
          {t('reports.export.done', { file: exporting.filename, reports: formats.integer(exporting.summary.reports), first: exporting.summary.firstSeq, last: exporting.summary.lastSeq, rows: formats.integer(exporting.summary.journalRows), size: formats.integer(exporting.bytes) })}
          {exporting.summary.unsigned > 0 ? ` ${t('reports.export.unsigned', { n: exporting.summary.unsigned })}` : ''}
          <br />
          <span className="mono reports-command">{`sietch audit verify ${exporting.filename ?? ''} --signer ${exporting.summary.operator}`}</span>
        </p>
      ) : null}
    </Card>
  );
}
