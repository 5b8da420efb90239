import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { FacilityDetail } from '../../../electron/contract/schemas/facilities';
import { useClient } from '../client/client-context';
import { FacilitiesTable } from '../features/finance/FacilitiesTable';
import { FacilityDetailView } from '../features/finance/FacilityDetailView';
import { FacilityForm } from '../features/finance/FacilityForm';
import { financeFormats } from '../features/finance/finance-formats';
import { dismissDetailError, dismissFinanceError, loadDetail, receiveDetail, selectFacility, showView, shownFacilityId, useFinanceStore } from '../features/finance/store';
import { EmptyState } from '../ui/EmptyState';
import { ErrorAlerts, type ShownError } from '../ui/ErrorAlerts';
import { PageHeader } from '../ui/PageHeader';
import { useLanguage } from '../ui/use-language';

/** Finance → Facilities: the list, one facility's schedule and payments, and the form. */
export function FinancePage() {
  const { t } = useTranslation();
  const client = useClient();
  const formats = financeFormats(useLanguage());
  const { facilities, loading, error, selectedId, view, detail, detailError } = useFinanceStore();
  const shownId = shownFacilityId(view);

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

  const newButton = (
    <button type="button" className="button button-primary" onClick={() => showView({ kind: 'create' })} data-testid="finance-new">
      {t('finance.list.new')}
    </button>
  );

  return (
    <div className="finance-page">
      <PageHeader title={t('pages.finance.title')} summary={t('finance.summary')} />
      <ErrorAlerts errors={errors} />
      {view.kind === 'list' ? (
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
      {view.kind === 'create' ? <FacilityForm formats={formats} onSaved={saved} onCancel={back} onReload={back} /> : null}
      {view.kind === 'edit' ? (
        detail ? (
          <FacilityForm key={detail.facility.id} editing={detail} formats={formats} onSaved={saved} onCancel={() => open(view.id)} onReload={() => void loadDetail(client, view.id)} />
        ) : (
          <p className="muted">{t('common.loading')}</p>
        )
      ) : null}
      {view.kind === 'detail' ? (
        detail ? (
          <FacilityDetailView detail={detail} formats={formats} onBack={back} onEdit={() => showView({ kind: 'edit', id: view.id })} />
        ) : (
          <p className="muted">{t('common.loading')}</p>
        )
      ) : null}
    </div>
  );
}
