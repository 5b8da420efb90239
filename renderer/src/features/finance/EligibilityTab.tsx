import { useTranslation } from 'react-i18next';
import type { EligibilityView } from '../../../../electron/contract/schemas/collateral';
import { Card } from '../../ui/Card';
import { AgingBar } from './AgingBar';
import type { FinanceFormats } from './finance-formats';

/** The eligibility summary as a lender asks it: contracts and terms, payment record, concentration, coverage and trend, uptime, arrears. */
export function EligibilityTab({ eligibility, formats }: { eligibility: EligibilityView | undefined; formats: FinanceFormats }) {
  const { t } = useTranslation();
  if (!eligibility) return <p className="muted">{t('common.loading')}</p>;
  const bps = (value: number) => formats.percent(String(value / 100));
  return (
    <div className="fin-books" data-testid="finance-eligibility">
      <div className="fin-eligibility-grid">
        <Card title={t('finance.books.eligibility.contracts')}>
          <dl className="fin-figures">
            <dt>{t('finance.books.eligibility.active')}</dt>
            <dd data-field="activeContracts">{formats.integer(eligibility.activeContracts)}</dd>
            <dt>{t('finance.books.eligibility.weightedTerm')}</dt>
            <dd data-field="weightedRemainingMonths">{eligibility.weightedRemainingMonths === null ? '—' : t('finance.books.eligibility.months', { months: eligibility.weightedRemainingMonths })}</dd>
            <dt>{t('finance.books.eligibility.backlog')}</dt>
            <dd data-field="backlog">{formats.money(eligibility.backlog)}</dd>
          </dl>
        </Card>
        <Card title={t('finance.books.eligibility.concentration')}>
          <dl className="fin-figures">
            <dt>{t('finance.books.eligibility.topShare')}</dt>
            <dd data-field="topShare">{bps(eligibility.concentration.topShareBps)}</dd>
            <dt>{t('finance.books.eligibility.hhi')}</dt>
            <dd data-field="hhi">{formats.integer(eligibility.concentration.hhi)}</dd>
            <dt>{t('finance.books.eligibility.customers')}</dt>
            <dd>{formats.integer(eligibility.concentration.shares.length)}</dd>
          </dl>
        </Card>
        <Card title={t('finance.books.eligibility.arrears')}>
          <AgingBar aging={eligibility.receivables} formats={formats} />
          <p data-field="arrears30" className={eligibility.arrears30 > 0n ? 'fin-danger' : 'muted'}>
            {t('finance.books.eligibility.arrears30', { amount: formats.money(eligibility.arrears30) })}
          </p>
        </Card>
      </div>
      <Card title={t('finance.books.eligibility.facilities')}>
        <div className="table-scroll">
          <table className="data-table" data-testid="finance-eligibility-facilities">
            <thead>
              <tr>
                <th scope="col">{t('finance.field.name')}</th>
                <th scope="col" className="numeric">{t('finance.books.coverage.coverage')}</th>
                <th scope="col" className="numeric">{t('finance.books.eligibility.minimum')}</th>
                <th scope="col">{t('finance.books.eligibility.trend')}</th>
                <th scope="col" className="numeric">{t('finance.books.eligibility.assets')}</th>
                <th scope="col" className="numeric">{t('finance.books.eligibility.uptime')}</th>
                <th scope="col" className="numeric">{t('finance.books.coverage.borrowingBase')}</th>
                <th scope="col" className="numeric">{t('finance.list.arrears')}</th>
              </tr>
            </thead>
            <tbody>
              {eligibility.facilities.map((facility) => (
                <tr key={facility.facilityId} data-testid="finance-eligibility-facility" data-facility-id={facility.facilityId} data-breached={facility.figures.breached ? 'yes' : 'no'}>
                  <td className="fin-name">{facility.name}</td>
                  <td className={facility.figures.breached ? 'numeric fin-danger' : 'numeric'} data-field="coverage">{facility.figures.coverage === null ? '—' : `${facility.figures.coverage}×`}</td>
                  <td className="numeric">{facility.figures.minCoverage === null ? '—' : `${facility.figures.minCoverage}×`}</td>
                  <td className="fin-trend" data-field="trend">{facility.trend.map((point) => (point.coverage === null ? '—' : `${point.coverage}×`)).join(' → ')}</td>
                  <td className="numeric">
                    {formats.integer(facility.countingAssets)} / {formats.integer(facility.pledgedAssets)}
                  </td>
                  <td className="numeric" data-field="uptime">{facility.uptimeBps === null ? '—' : bps(facility.uptimeBps)}</td>
                  <td className="numeric">{formats.money(facility.figures.borrowingBase)}</td>
                  <td className={facility.arrears > 0n ? 'numeric fin-danger' : 'numeric'}>{formats.money(facility.arrears)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      <Card title={t('finance.books.eligibility.signed')}>
        <div className="table-scroll">
          <table className="data-table" data-testid="finance-eligibility-contracts">
            <thead>
              <tr>
                <th scope="col">{t('finance.books.contract.id')}</th>
                <th scope="col">{t('finance.books.contract.customer')}</th>
                <th scope="col">{t('finance.books.contract.kind')}</th>
                <th scope="col">{t('finance.books.contract.end')}</th>
                <th scope="col" className="numeric">{t('finance.books.contract.remaining')}</th>
                <th scope="col" className="numeric">{t('finance.books.contract.monthly')}</th>
                <th scope="col" className="numeric">{t('finance.books.eligibility.backlog')}</th>
              </tr>
            </thead>
            <tbody>
              {eligibility.contracts.map((contract) => (
                <tr key={contract.id}>
                  <td>{contract.id}</td>
                  <td>{contract.customer}</td>
                  <td>{t(`finance.books.kind.${contract.kind}`)}</td>
                  <td>{formats.date(contract.endDate)}</td>
                  <td className="numeric">{formats.integer(contract.remainingMonths)}</td>
                  <td className="numeric">{formats.money(contract.monthlyAmount)}</td>
                  <td className="numeric">{formats.money(contract.backlog)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </div>
  );
}
