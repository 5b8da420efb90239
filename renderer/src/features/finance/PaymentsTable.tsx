import { useTranslation } from 'react-i18next';
import type { FacilityPayment } from '../../../../electron/contract/schemas/facilities';
import { EmptyState } from '../../ui/EmptyState';
import type { FinanceFormats } from './finance-formats';

/** Money received, and where each payment went: fees, interest, principal, return, credit. */
export function PaymentsTable({ payments, formats }: { payments: FacilityPayment[]; formats: FinanceFormats }) {
  const { t } = useTranslation();
  if (payments.length === 0) return <EmptyState testId="finance-payments-empty">{t('finance.payments.none')}</EmptyState>;
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="finance-payments">
        <thead>
          <tr>
            <th scope="col">{t('finance.payment.date')}</th>
            <th scope="col">{t('finance.payment.kind')}</th>
            <th scope="col" className="numeric">
              {t('finance.payment.amount')}
            </th>
            <th scope="col" className="numeric">
              {t('finance.bucket.fees')}
            </th>
            <th scope="col" className="numeric">
              {t('finance.bucket.interest')}
            </th>
            <th scope="col" className="numeric">
              {t('finance.bucket.principal')}
            </th>
            <th scope="col" className="numeric">
              {t('finance.payments.return')}
            </th>
            <th scope="col" className="numeric">
              {t('finance.payments.credit')}
            </th>
            <th scope="col">{t('finance.payment.reference')}</th>
          </tr>
        </thead>
        <tbody>
          {payments.map((payment) => (
            <tr key={payment.id} data-testid="finance-payment-row" data-amount={payment.amount.toString()}>
              <td>{formats.date(payment.date)}</td>
              <td>{t(`finance.paymentKind.${payment.kind}`)}</td>
              <td className="numeric">{formats.money(payment.amount)}</td>
              <td className="numeric">{formats.money(payment.allocation.lateFees + payment.allocation.prepaymentFee)}</td>
              <td className="numeric" data-field="interest">
                {formats.money(payment.allocation.interest)}
              </td>
              <td className="numeric" data-field="principal">
                {formats.money(payment.allocation.principal)}
              </td>
              <td className="numeric">{formats.money(payment.allocation.return)}</td>
              <td className="numeric">{formats.money(payment.allocation.credit)}</td>
              <td className="wrap" title={payment.note ?? undefined}>
                {payment.reference ?? '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
