import { useTranslation } from 'react-i18next';
import { Field, Fields } from '../../ui/Fields';
import type { FinanceFormats } from './finance-formats';
import { rowsFromPreview } from './schedule-rows';
import { ScheduleTable } from './ScheduleTable';
import type { TermsPreview } from './use-terms-preview';

/** Beside the form: what the terms would produce, before anything is saved. */
export function TermsPreviewPanel({ preview, formats }: { preview: TermsPreview; formats: FinanceFormats }) {
  const { t } = useTranslation();
  return (
    <section className="card fin-preview" aria-live="polite" aria-busy={preview.kind === 'loading'} data-testid="finance-preview" data-state={preview.kind}>
      <header className="card-header">
        <h2 className="card-title">{t('finance.preview.title')}</h2>
        {preview.kind === 'loading' ? <span className="spinner" aria-hidden="true" /> : null}
      </header>
      <div className="card-body">
        {preview.kind === 'none' || preview.kind === 'loading' ? <p className="muted">{preview.kind === 'none' ? t('finance.preview.incomplete') : t('finance.preview.computing')}</p> : null}
        {preview.kind === 'failed' ? (
          <p className="field-error" data-testid="finance-preview-error">
            {preview.message}
          </p>
        ) : null}
        {preview.kind === 'fixed-rate' ? (
          <>
            <Fields>
              <Field label={t('finance.preview.levelAmount')} testId="finance-preview-level">
                {preview.preview.levelAmount === null ? '—' : formats.money(preview.preview.levelAmount)}
              </Field>
              <Field label={t('finance.preview.maturity')}>{formats.date(preview.preview.maturityDate)}</Field>
              <Field label={t('finance.preview.totalInterest')} testId="finance-preview-interest">
                {formats.money(preview.preview.totals.interest)}
              </Field>
              <Field label={t('finance.preview.totalPaid')}>{formats.money(preview.preview.totals.payment)}</Field>
            </Fields>
            <ScheduleTable rows={rowsFromPreview(preview.preview.installments)} formats={formats} testId="finance-preview-schedule" />
          </>
        ) : null}
        {preview.kind === 'revenue-share' ? (
          <Fields>
            <Field label={t('finance.position.target')} testId="finance-preview-target">
              {formats.money(preview.preview.position.target)}
            </Field>
            <Field label={t('finance.position.outstanding')}>{formats.money(preview.preview.position.outstandingPrincipal)}</Field>
            <Field label={t('finance.preview.periods')}>{formats.integer(preview.preview.periods.length)}</Field>
          </Fields>
        ) : null}
        {preview.kind === 'revenue-share' ? <p className="muted fin-note">{t('finance.preview.revenueShareNote')}</p> : null}
      </div>
    </section>
  );
}
