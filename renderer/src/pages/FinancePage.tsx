import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { FacilityDetail } from '../../../electron/contract/schemas/facilities';
import { useClient } from '../client/client-context';
import { FacilitiesTable } from '../features/finance/FacilitiesTable';
import { FacilityDetailView } from '../features/finance/FacilityDetailView';
import { FacilityForm } from '../features/finance/FacilityForm';
import { financeFormats } from '../features/finance/finance-formats';
import { AlertsTab } from '../features/finance/AlertsTab';
import { chooseFacility, dismissBooksError, loadTab, showTab, useBooksStore } from '../features/finance/books-store';
import { CollateralTab } from '../features/finance/CollateralTab';
import { CustomersTab } from '../features/finance/CustomersTab';
import { EligibilityTab } from '../features/finance/EligibilityTab';
import { FacilityPicker } from '../features/finance/FacilityPicker';
import { FinanceTabs } from '../features/finance/FinanceTabs';
import { WaterfallTab } from '../features/finance/WaterfallTab';
import { dismissDetailError, dismissFinanceError, loadDetail, receiveDetail, selectFacility, showView, shownFacilityId, useFinanceStore } from '../features/finance/store';
import { EmptyState } from '../ui/EmptyState';
import { ErrorAlerts, type ShownError } from '../ui/ErrorAlerts';
import { PageHeader } from '../ui/PageHeader';
import { useLanguage } from '../ui/use-language';

/**
 * Finance: the facilities (list, one facility's schedule and payments, the form) and, in tabs,
 * the books behind them — customers and invoices with aging, collateral and coverage, the
 * waterfall, the eligibility summary, alerts.
 */
export function FinancePage() {
  const { t } = useTranslation();
  const client = useClient();
  const formats = financeFormats(useLanguage());
  const { facilities, loading, error, selectedId, view, detail, detailError } = useFinanceStore();
  const books = useBooksStore();
  const shownId = shownFacilityId(view);
  const needsFacility = books.tab === 'collateral' || books.tab === 'waterfall';

  // The Collateral and Waterfall tabs show one facility: the chosen one, else the first.
  useEffect(() => {
    if (!facilities || facilities.length === 0) return;
    if (books.facilityId === null || !facilities.some((facility) => facility.id === books.facilityId)) chooseFacility(facilities[0]!.id);
  }, [facilities, books.facilityId]);
  useEffect(() => {
    void loadTab(client);
  }, [client, books.tab, books.facilityId]);

  useEffect(() => {
    if (shownId !== null) void loadDetail(client, shownId);
  }, [client, shownId]);

  const open = useCallback((id: string) => showView({ kind: 'detail', id }), []);
  const back = useCallback(() => showView({ kind: 'list' }), []);
  const saved = useCallback((saved: FacilityDetail) => {
    showView({ kind: 'detail', id: saved.facility.id });
    receiveDetail(saved);
  }, []);

  // Escape from a facility goes back to the list (dialogs take their own Escape first).
  useEffect(() => {
    if (view.kind !== 'detail') return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented && !document.querySelector('dialog[open]')) back();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [view.kind, back]);

  const errors: ShownError[] = [];
  if (error) errors.push({ id: 'list', context: t('errors.context.facilities'), error, onDismiss: dismissFinanceError });
  if (detailError) errors.push({ id: 'detail', context: t('errors.context.facility'), error: detailError, onDismiss: dismissDetailError });
  if (books.error) errors.push({ id: 'books', context: t('finance.books.errorContext'), error: books.error, onDismiss: dismissBooksError });

  const newButton = (
    <button type="button" className="button button-primary" onClick={() => showView({ kind: 'create' })} data-testid="finance-new">
      {t('finance.list.new')}
    </button>
  );

  return (
    <div className="finance-page">
      <PageHeader title={t('pages.finance.title')} summary={t('finance.summary')} />
      <ErrorAlerts errors={errors} />
      <FinanceTabs tab={books.tab} onChange={showTab} alertCount={books.alerts?.length ?? 0} />
      {books.tab !== 'facilities' ? (
        <div role="tabpanel" id="finance-tab-panel" aria-labelledby={`finance-tab-${books.tab}`} className="fin-panel">
          {needsFacility ? (
            facilities && facilities.length > 0 ? (
              <FacilityPicker facilities={facilities} value={books.facilityId} onChange={chooseFacility} />
            ) : (
              <EmptyState testId="finance-books-no-facility">
                <p>{t('finance.books.noFacility')}</p>
              </EmptyState>
            )
          ) : null}
          {books.tab === 'customers' ? <CustomersTab formats={formats} /> : null}
          {books.tab === 'collateral' && books.facilityId !== null ? <CollateralTab coverage={books.coverage} formats={formats} /> : null}
          {books.tab === 'waterfall' && books.facilityId !== null ? <WaterfallTab waterfall={books.waterfall} formats={formats} /> : null}
          {books.tab === 'eligibility' ? <EligibilityTab eligibility={books.eligibility} formats={formats} /> : null}
          {books.tab === 'alerts' ? <AlertsTab alerts={books.alerts} formats={formats} /> : null}
        </div>
      ) : null}
      {books.tab !== 'facilities' ? null : view.kind === 'list' ? (
        facilities === undefined ? (
          <p className="muted busy-line">
            {loading ? <span className="spinner" aria-hidden="true" /> : null} {loading ? t('common.loading') : t('common.unavailable')}
          </p>
        ) : facilities.length === 0 ? (
          <EmptyState testId="finance-empty">
            <p className="fin-empty-title">{t('finance.empty.title')}</p>
            <p>{t('finance.empty.explain')}</p>
            <p>{t('finance.empty.structures')}</p>
            {newButton}
          </EmptyState>
        ) : (
          <>
            <div className="fin-toolbar">
              <span className="muted">{t('finance.list.hint')}</span>
              {newButton}
            </div>
            <FacilitiesTable facilities={facilities} formats={formats} selectedId={selectedId} onSelect={selectFacility} onOpen={open} />
          </>
        )
      ) : null}
      {books.tab === 'facilities' && view.kind === 'create' ? <FacilityForm formats={formats} onSaved={saved} onCancel={back} onReload={back} /> : null}
      {books.tab === 'facilities' && view.kind === 'edit' ? (
        detail ? (
          <FacilityForm key={detail.facility.id} editing={detail} formats={formats} onSaved={saved} onCancel={() => open(view.id)} onReload={() => void loadDetail(client, view.id)} />
        ) : (
          <p className="muted">{t('common.loading')}</p>
        )
      ) : null}
      {books.tab === 'facilities' && view.kind === 'detail' ? (
        detail ? (
          <FacilityDetailView detail={detail} formats={formats} onBack={back} onEdit={() => showView({ kind: 'edit', id: view.id })} />
        ) : (
          <p className="muted">{t('common.loading')}</p>
        )
      ) : null}
    </div>
  );
}
