import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WaterfallView } from '../../../../electron/contract/schemas/collateral';
import { useClient } from '../../client/client-context';
import { describeError } from '../../client/describe-error';
import { Card } from '../../ui/Card';
import { CsvActions } from './CsvActions';
import type { FinanceFormats } from './finance-formats';
import { downloadPdf } from '../../ui/save-file';
import { WaterfallChart } from './WaterfallChart';

/** A facility's waterfall per period: revenue → costs → the lender first → the operator; DSCR; the statement of each period. */
export function WaterfallTab({ waterfall, formats }: { waterfall: WaterfallView | undefined; formats: FinanceFormats }) {
  const { t } = useTranslation();
  const client = useClient();
  const [problem, setProblem] = useState<string | null>(null);
  if (!waterfall) return <p className="muted">{t('common.loading')}</p>;
  const statement = async (period: number) => {
    try {
      const pdf = await client.invoke('finance.statement.pdf', { facilityId: waterfall.facilityId, period });
      downloadPdf(pdf.pdfBase64, pdf.filename);
    } catch (error) {
      setProblem(describeError(error).message);
    }
  };
  const money = (micro: bigint, negativeIsBad = false) => <span className={negativeIsBad && micro < 0n ? 'fin-danger' : undefined}>{formats.money(micro)}</span>;
  return (
    <div className="fin-books" data-testid="finance-waterfall" data-facility-id={waterfall.facilityId}>
      <Card title={t('finance.books.waterfall.title', { name: waterfall.facilityName })}>
        {waterfall.periods.length === 0 ? <p className="muted">{t('finance.books.waterfall.empty')}</p> : <WaterfallChart waterfall={waterfall} formats={formats} />}
        <p className="muted">{t(`finance.books.waterfall.explain.${waterfall.structure}`)}</p>
      </Card>
      <Card title={t('finance.books.waterfall.periods')}>
        {problem ? <p role="alert" className="fin-danger">{problem}</p> : null}
        <CsvActions imports={['costs']} exports={['waterfall', 'costs']} facilityId={waterfall.facilityId} />
        <div className="table-scroll">
          <table className="data-table fin-waterfall-table" data-testid="finance-waterfall-table">
            <thead>
              <tr>
                <th scope="col">{t('finance.books.waterfall.period')}</th>
                <th scope="col" className="numeric">{t('finance.books.waterfall.revenue')}</th>
                <th scope="col" className="numeric">{t('finance.books.waterfall.power')}</th>
                <th scope="col" className="numeric">{t('finance.books.waterfall.facility')}</th>
                <th scope="col" className="numeric">{t('finance.books.waterfall.other')}</th>
                <th scope="col" className="numeric">{t('finance.books.waterfall.netCashFlow')}</th>
                <th scope="col" className="numeric">{t('finance.books.waterfall.debtService')}</th>
                <th scope="col" className="numeric">{t('finance.books.waterfall.toLender')}</th>
                <th scope="col" className="numeric">{t('finance.books.waterfall.shortfall')}</th>
                <th scope="col" className="numeric">{t('finance.books.waterfall.toOperator')}</th>
                <th scope="col" className="numeric">{t('finance.books.waterfall.dscr')}</th>
                <th scope="col" className="numeric">{t('finance.books.waterfall.depreciation')}</th>
                <th scope="col">{t('finance.books.waterfall.statement')}</th>
              </tr>
            </thead>
            <tbody>
              {waterfall.periods.map((period) => (
                <tr key={period.n} data-testid="finance-waterfall-row" data-n={period.n} data-dscr={period.dscr ?? ''}>
                  <td>
                    {period.n} <span className="fin-sub">· {formats.date(period.start)}</span>
                  </td>
                  <td className="numeric" data-field="revenue">{money(period.revenue)}</td>
                  <td className="numeric" data-field="power" title={t(`finance.books.waterfall.powerSource.${period.powerSource}`)}>
                    {money(period.power)}
                    {period.powerSource === 'node' ? <span className="fin-sub"> ⚡</span> : null}
                  </td>
                  <td className="numeric">{money(period.facility)}</td>
                  <td className="numeric">{money(period.other)}</td>
                  <td className="numeric" data-field="netCashFlow">{money(period.netCashFlow, true)}</td>
                  <td className="numeric" data-field="debtService">{money(period.debtService)}</td>
                  <td className="numeric" data-field="toLender">{money(period.toLender)}</td>
                  <td className={period.shortfall > 0n ? 'numeric fin-danger' : 'numeric'}>{money(period.shortfall)}</td>
                  <td className="numeric" data-field="toOperator">{money(period.toOperator, true)}</td>
                  <td className="numeric" data-field="dscr">{period.dscr ?? '—'}</td>
                  <td className="numeric fin-sub">{money(period.depreciation)}</td>
                  <td>
                    <button type="button" className="button button-small" onClick={() => void statement(period.n)} data-testid="finance-statement" aria-label={t('finance.books.waterfall.statementFor', { n: period.n })}>
                      PDF
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </div>
  );
}
