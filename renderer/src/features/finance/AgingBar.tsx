import { useTranslation } from 'react-i18next';
import type { ReceivablesView } from '../../../../electron/contract/schemas/customers';
import type { FinanceFormats } from './finance-formats';

const BUCKETS = ['current', '1-29', '30-59', '60-89', '90+'] as const;

/** Open receivables by days past due: one figure per bucket, the later ones in warning colours. */
export function AgingBar({ aging, formats }: { aging: ReceivablesView['aging']; formats: FinanceFormats }) {
  const { t } = useTranslation();
  return (
    <dl className="fin-aging" data-testid="finance-aging" data-total={aging.total.toString()}>
      {BUCKETS.map((bucket) => (
        <div key={bucket} className={`fin-aging-bucket fin-aging-${bucket === 'current' ? 'current' : bucket === '1-29' ? 'late' : 'overdue'}`} data-bucket={bucket} data-amount={aging[bucket].toString()}>
          <dt>{t(`finance.books.aging.${bucket}`)}</dt>
          <dd className="numeric">{formats.money(aging[bucket])}</dd>
        </div>
      ))}
      <div className="fin-aging-bucket fin-aging-total">
        <dt>{t('finance.books.aging.total')}</dt>
        <dd className="numeric">{formats.money(aging.total)}</dd>
      </div>
    </dl>
  );
}
