import { useTranslation } from 'react-i18next';
import type { RevenuePeriodView, RevenueSharePosition } from '../../../../electron/contract/schemas/facilities';
import { Field, Fields } from '../../ui/Fields';
import type { FinanceFormats } from './finance-formats';
import { InstallmentStatusChip } from './StatusChips';

/** Where a revenue-share facility stands against its target. */
export function RevenuePosition({ position, formats }: { position: RevenueSharePosition; formats: FinanceFormats }) {
  const { t } = useTranslation();
  return (
    <Fields>
      <Field label={t('finance.position.target')} testId="finance-position-target">
        {formats.money(position.target)}
      </Field>
      <Field label={t('finance.position.paid')}>{formats.money(position.paid)}</Field>
      <Field label={t('finance.position.principalRecovered')}>{formats.money(position.principalRecovered)}</Field>
      <Field label={t('finance.position.returnReceived')}>{formats.money(position.returnReceived)}</Field>
      <Field label={t('finance.position.outstanding')}>{formats.money(position.outstandingPrincipal)}</Field>
      <Field label={t('finance.position.remainingTarget')}>{formats.money(position.remainingTarget)}</Field>
      <Field label={t('finance.position.reachedOn')}>{position.targetReachedOn ? formats.date(position.targetReachedOn) : '—'}</Field>
    </Fields>
  );
}

/** The monthly periods: revenue recorded, what it made due, carried in, paid, owed. At most 600 rows. */
export function RevenuePeriodsTable({ periods, formats }: { periods: RevenuePeriodView[]; formats: FinanceFormats }) {
  const { t } = useTranslation();
  const dash = <span className="missing">—</span>;
  return (
    <div className="table-scroll fin-periods">
      <table className="data-table" data-testid="finance-periods">
        <thead>
          <tr>
            <th scope="col" className="numeric">
              {t('finance.schedule.n')}
            </th>
            <th scope="col">{t('finance.schedule.dueDate')}</th>
            <th scope="col" className="numeric">
              {t('finance.periods.revenue')}
            </th>
            <th scope="col">{t('finance.periods.phase')}</th>
            <th scope="col" className="numeric">
              {t('finance.periods.due')}
            </th>
            <th scope="col" className="numeric">
              {t('finance.periods.carriedIn')}
            </th>
            <th scope="col" className="numeric">
              {t('finance.schedule.paid')}
            </th>
            <th scope="col" className="numeric">
              {t('finance.schedule.owed')}
            </th>
            <th scope="col">{t('finance.schedule.status')}</th>
          </tr>
        </thead>
        <tbody>
          {periods.map((period) => (
            <tr key={`${period.kind}-${period.n}`} data-testid="finance-period-row" data-n={period.n} data-status={period.status}>
              <td className="numeric">{period.kind === 'term-cap' ? t('finance.periods.termCap') : period.n}</td>
              <td>{formats.date(period.dueDate)}</td>
              <td className="numeric">{period.revenue === null ? dash : formats.money(period.revenue)}</td>
              <td>{t(`finance.periods.${period.phase}`)}</td>
              <td className="numeric">{formats.money(period.due)}</td>
              <td className="numeric">{period.carriedIn > 0n ? formats.money(period.carriedIn) : dash}</td>
              <td className="numeric">{formats.money(period.paid)}</td>
              <td className="numeric">{formats.money(period.owed)}</td>
              <td>
                <InstallmentStatusChip status={period.status} daysPastDue={period.daysPastDue} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
