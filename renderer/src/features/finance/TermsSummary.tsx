import { useTranslation } from 'react-i18next';
import type { FacilityTerms } from '../../../../electron/contract/schemas/facilities';
import { Field, Fields } from '../../ui/Fields';
import type { FinanceFormats } from './finance-formats';

/** The facility's terms, as a lender's analyst would read them off the term sheet. */
export function TermsSummary({ terms, formats }: { terms: FacilityTerms; formats: FinanceFormats }) {
  const { t } = useTranslation();
  const common = (
    <>
      <Field label={t('finance.field.principal')}>{formats.money(terms.principal)}</Field>
      <Field label={t('finance.field.startDate')}>{formats.date(terms.startDate)}</Field>
      <Field label={t('finance.field.graceDays')}>{formats.integer(terms.graceDays)}</Field>
      <Field label={t('finance.field.defaultAfterDays')}>{formats.integer(terms.defaultAfterDays)}</Field>
    </>
  );
  if (terms.structure === 'revenue-share') {
    return (
      <Fields>
        {common}
        <Field label={t('finance.field.sharePct')}>{formats.percent(terms.sharePct)}</Field>
        <Field label={t('finance.field.targetMultiple')}>{formats.multiple(terms.targetMultiple)}</Field>
        <Field label={t('finance.field.tailSharePct')}>{formats.percent(terms.tailSharePct)}</Field>
        <Field label={t('finance.field.minimumPayment')}>{formats.money(terms.minimumPayment)}</Field>
        <Field label={t('finance.field.termMonths')}>{formats.integer(terms.termMonths)}</Field>
        <Field label={t('finance.field.atTermCap')}>{t(`finance.atTermCap.${terms.atTermCap}`)}</Field>
      </Fields>
    );
  }
  return (
    <Fields>
      {common}
      <Field label={t('finance.field.rate')}>{formats.percent(terms.annualRatePct)}</Field>
      <Field label={t('finance.field.periods')}>{`${formats.integer(terms.periods)} × ${t(`finance.frequency.${terms.frequency}`)}`}</Field>
      <Field label={t('finance.field.amortization')}>{t(`finance.amortization.${terms.amortization}`)}</Field>
      <Field label={t('finance.field.dayCount')}>{terms.dayCount}</Field>
      <Field label={t('finance.field.balloon')}>{formats.money(terms.balloon)}</Field>
      <Field label={t('finance.field.firstDueDate')}>{terms.firstDueDate ? formats.date(terms.firstDueDate) : '—'}</Field>
      <Field label={t('finance.field.lateFeePct')}>{formats.percent(terms.lateFeePct)}</Field>
      <Field label={t('finance.field.penaltyAprPct')}>{formats.percent(terms.penaltyAprPct)}</Field>
      <Field label={t('finance.field.prepaymentFeePct')}>{formats.percent(terms.prepaymentFeePct)}</Field>
      <Field label={t('finance.field.prepaymentMode')}>{t(`finance.prepaymentMode.${terms.prepaymentMode}`)}</Field>
      <Field label={t('finance.field.allocationOrder')}>{terms.allocationOrder.map((bucket) => t(`finance.bucket.${bucket}`)).join(' → ')}</Field>
    </Fields>
  );
}
