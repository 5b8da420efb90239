import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../client/client-context';
import { ChainPanel } from '../features/chain/ChainPanel';
import { nodeFormats } from '../features/node/node-formats';
import { switchNode } from '../features/node/node-status';
import { NodeStatusPanel } from '../features/node/NodeStatusPanel';
import { OperatorKey } from '../features/node/OperatorKey';
import { ReportsSection } from '../features/node/ReportsSection';
import { ReportView } from '../features/node/ReportView';
import { SimulatedNodeBadge } from '../features/node/SimulatedNodeBadge';
import { closeReport, dismissReportsError, dismissStatusError, dismissSwitchError, openReport, useNodeStore } from '../features/node/store';
import { statusPollMs } from '../features/node/status-poll';
import { useEscapeToClose } from '../features/node/use-escape-to-close';
import { useNodeLabels } from '../features/node/use-node-labels';
import { useStatusPolling } from '../features/node/use-status-polling';
import { ErrorAlerts, type ShownError } from '../ui/ErrorAlerts';
import { PageHeader } from '../ui/PageHeader';
import { useLanguage } from '../ui/use-language';

/**
 * The attestation node: its status and controls, who signs, and the epoch reports; a report
 * opens in place of the list (Escape brings the list back, on the same row).
 */
export function NodePage() {
  const { t } = useTranslation();
  const client = useClient();
  const formats = nodeFormats(useLanguage());
  const labels = useNodeLabels();
  const status = useNodeStore((state) => state.status);
  const switching = useNodeStore((state) => state.switching);
  const openSeq = useNodeStore((state) => state.openSeq);
  const statusError = useNodeStore((state) => state.statusError);
  const switchError = useNodeStore((state) => state.switchError);
  const reportsError = useNodeStore((state) => state.reportsError);
  const gridRef = useRef<HTMLDivElement>(null);

  // Ticks and sample counts change every sample and no event says so: ask while the page is shown.
  useStatusPolling(client, statusPollMs(status?.sampleIntervalSeconds));
  const onSwitch = useCallback((to: 'start' | 'stop') => void switchNode(client, to), [client]);
  useEscapeToClose(openSeq !== null, closeReport);

  // Back from a report: the list is drawn again; give it the focus, on the row just read.
  const shownSeq = useRef(openSeq);
  useEffect(() => {
    if (shownSeq.current !== null && openSeq === null) gridRef.current?.focus({ preventScroll: true });
    shownSeq.current = openSeq;
  }, [openSeq]);

  const errors: ShownError[] = [];
  if (statusError) errors.push({ id: 'status', context: t('errors.context.node'), error: statusError, onDismiss: dismissStatusError });
  if (switchError) errors.push({ id: 'switch', context: t('errors.context.nodeSwitch'), error: switchError, onDismiss: dismissSwitchError });
  if (reportsError) errors.push({ id: 'reports', context: t('errors.context.reports'), error: reportsError, onDismiss: dismissReportsError });

  return (
    <div className={openSeq === null ? 'node-page' : 'node-page node-page-report'}>
      <PageHeader title={t('pages.node.title')} summary={t('pages.node.summary')} badge={status?.simulated ? <SimulatedNodeBadge /> : null} />
      <ErrorAlerts errors={errors} />
      {openSeq !== null ? (
        <ReportView key={openSeq} seq={openSeq} newestSeq={status?.lastReport?.seq ?? null} formats={formats} labels={labels} onOpen={openReport} onClose={closeReport} />
      ) : (
        <>
          {status ? (
            <>
              <NodeStatusPanel status={status} formats={formats} labels={labels} switching={switching} onSwitch={onSwitch} />
              <OperatorKey signer={status.signer} />
              <ChainPanel />
            </>
          ) : (
            <p className="muted busy-line" data-testid="node-status-loading">
              {statusError ? t('common.unavailable') : <><span className="spinner" aria-hidden="true" /> {t('node.status.loading')}</>}
            </p>
          )}
          <ReportsSection status={status} formats={formats} labels={labels} gridRef={gridRef} />
        </>
      )}
    </div>
  );
}
