import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CollateralLineView, CoverageView } from '../../../../electron/contract/schemas/collateral';
import { useClient } from '../../client/client-context';
import { describeError } from '../../client/describe-error';
import { Card } from '../../ui/Card';
import { CoverageGauge, CoverageHistoryChart } from './CoverageCharts';
import { CsvActions } from './CsvActions';
import type { FinanceFormats } from './finance-formats';
import { downloadPdf } from '../../ui/save-file';
import { VirtualTable, type VirtualColumn } from './VirtualTable';

/** One facility's collateral: the coverage gauge, the covenant and its cures, the history, every asset. */
export function CollateralTab({ coverage, formats }: { coverage: CoverageView | undefined; formats: FinanceFormats }) {
  const { t } = useTranslation();
  const client = useClient();
  const [problem, setProblem] = useState<string | null>(null);
  const columns = useMemo<VirtualColumn<CollateralLineView>[]>(
    () => [
      { key: 'asset', title: t('finance.books.collateral.asset'), width: 'minmax(260px, 2fr)', cell: (row) => <span className="mono" title={row.assetId}>{row.assetId}</span> },
      { key: 'serial', title: t('finance.books.collateral.serial'), width: '130px', cell: (row) => row.serial ?? '—' },
      { key: 'appraised', title: t('finance.books.collateral.appraised'), width: '120px', numeric: true, cell: (row) => (row.appraisedValue === null ? '—' : formats.money(row.appraisedValue)) },
      { key: 'value', title: t('finance.books.collateral.value'), width: '120px', numeric: true, cell: (row) => formats.money(row.value) },
      { key: 'condition', title: t('finance.books.collateral.condition'), width: '140px', cell: (row) => <span className={row.counts ? (row.condition === 'healthy' ? 'fin-chip fin-chip-ok' : 'fin-chip fin-chip-warn') : 'fin-chip fin-chip-danger'}>{t(`finance.books.condition.${row.condition}`)}</span> },
      { key: 'eligible', title: t('finance.books.collateral.eligible'), width: '120px', numeric: true, cell: (row) => formats.money(row.eligibleValue) },
      { key: 'advance', title: t('finance.books.collateral.advance'), width: '80px', numeric: true, cell: (row) => (row.advanceRatePct === null ? '—' : formats.percent(row.advanceRatePct)) },
      { key: 'base', title: t('finance.books.collateral.base'), width: '120px', numeric: true, cell: (row) => formats.money(row.borrowingBase) },
    ],
    [t, formats],
  );
  if (!coverage) return <p className="muted">{t('common.loading')}</p>;
  const f = coverage.figures;
  const certificate = async () => {
    try {
      const pdf = await client.invoke('finance.borrowingBase.pdf', { facilityId: coverage.facilityId });
      downloadPdf(pdf.pdfBase64, pdf.filename);
    } catch (error) {
      setProblem(describeError(error).message);
    }
  };
  return (
    <div className="fin-books" data-testid="finance-collateral" data-facility-id={coverage.facilityId}>
      <div className="fin-coverage-row">
        <Card title={t('finance.books.coverage.title')} testId="finance-coverage" className="fin-coverage-card">
          <div className="fin-coverage">
            <CoverageGauge figures={f} />
            <dl className="fin-figures">
              <dt>{t('finance.books.coverage.eligible')}</dt>
              <dd data-field="eligibleValue">{formats.money(f.eligibleValue)}</dd>
              <dt>{t('finance.books.coverage.outstanding')}</dt>
              <dd data-field="outstanding">{formats.money(f.outstanding)}</dd>
              <dt>{t('finance.books.coverage.borrowingBase')}</dt>
              <dd data-field="borrowingBase">{formats.money(f.borrowingBase)}</dd>
              <dt>{t('finance.books.coverage.availability')}</dt>
              <dd data-field="availability" className={f.availability < 0n ? 'fin-danger' : undefined}>
                {formats.money(f.availability)}
              </dd>
            </dl>
          </div>
          {f.cures ? (
            <div role="alert" className="fin-cures" data-testid="finance-cures" data-pledge={f.cures.pledgeMore.toString()} data-repay={f.cures.repay.toString()}>
              <strong>{t('finance.books.coverage.breached', { coverage: f.coverage, minimum: f.minCoverage })}</strong>
              <ul>
                <li>{t('finance.books.coverage.curePledge', { amount: formats.money(f.cures.pledgeMore) })}</li>
                <li>{t('finance.books.coverage.cureRepay', { amount: formats.money(f.cures.repay) })}</li>
              </ul>
            </div>
          ) : null}
        </Card>
        <Card title={t('finance.books.coverage.historyTitle')} className="fin-history-card">
          <CoverageHistoryChart coverage={coverage} formats={formats} />
        </Card>
      </div>
      <Card
        title={t('finance.books.collateral.title', { count: coverage.collateral.length })}
        actions={
          <button type="button" className="button" onClick={() => void certificate()} data-testid="finance-certificate">
            {t('finance.books.collateral.certificate')}
          </button>
        }
      >
        {problem ? <p role="alert" className="fin-danger">{problem}</p> : null}
        <CsvActions imports={['appraisals', 'pledges']} exports={['collateral', 'appraisals', 'pledges']} facilityId={coverage.facilityId} />
        {coverage.collateral.length === 0 ? (
          <p className="muted" data-testid="finance-collateral-empty">{t('finance.books.collateral.empty')}</p>
        ) : (
          <VirtualTable rows={coverage.collateral} columns={columns} rowKey={(row) => row.assetId} label={t('finance.books.collateral.tableLabel')} testId="finance-collateral-table" rowTestId="finance-collateral-row" rowData={(row) => ({ 'asset-id': row.assetId, condition: row.condition, counts: row.counts ? 'yes' : 'no' })} minWidth={1100} />
        )}
      </Card>
    </div>
  );
}
