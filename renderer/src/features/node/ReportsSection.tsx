import { useCallback, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { NodeStatus } from '../../../../electron/contract/schemas/node';
import { useClient } from '../../client/client-context';
import type { NodeFormats } from './node-formats';
import { loadOlderReports } from './report-list';
import { ReportsEmpty } from './ReportsEmpty';
import { ReportsTable } from './ReportsTable';
import { openReport, selectReport, useNodeStore } from './store';
import type { NodeLabels } from './use-node-labels';

/** The report list: the table with how much of it is loaded, or what to expect while there is none. */
export function ReportsSection({ status, formats, labels, gridRef }: { status: NodeStatus | undefined; formats: NodeFormats; labels: NodeLabels; gridRef: RefObject<HTMLDivElement | null> }) {
  const { t } = useTranslation();
  const client = useClient();
  const reports = useNodeStore((state) => state.reports);
  const hasOlder = useNodeStore((state) => state.hasOlder);
  const loadingOlder = useNodeStore((state) => state.loadingOlder);
  const selectedSeq = useNodeStore((state) => state.selectedSeq);
  const failed = useNodeStore((state) => state.reportsError !== null || state.statusError !== null);
  const needOlder = useCallback(() => void loadOlderReports(client), [client]);
  const total = status ? status.reports.unsigned + status.reports.signed + status.reports.published : null;

  return (
    <section className="node-reports" aria-labelledby="node-reports-title">
      <div className="node-reports-bar">
        <h2 id="node-reports-title" className="node-section-title">
          {t('node.reports.title')}
        </h2>
        {reports && reports.length > 0 ? (
          <span className="node-reports-count" data-testid="node-reports-count" data-loaded={reports.length} data-total={total ?? undefined}>
            {hasOlder && total !== null ? t('node.reports.countPartial', { shown: formats.integer(reports.length), total: formats.integer(total) }) : t('node.reports.count', { total: formats.integer(reports.length) })}
            {loadingOlder ? <span className="spinner node-inline-spinner" aria-label={t('node.reports.loadingOlder')} /> : null}
          </span>
        ) : null}
        <span className="node-keys-hint" aria-hidden="true">
          {t('node.reports.keysHint')}
        </span>
      </div>
      {reports === undefined || status === undefined ? (
        <p className="muted busy-line" data-testid="node-reports-loading">
          {failed ? t('common.unavailable') : <><span className="spinner" aria-hidden="true" /> {t('node.reports.loading')}</>}
        </p>
      ) : reports.length === 0 ? (
        <ReportsEmpty status={status} formats={formats} />
      ) : (
        <ReportsTable
          reports={reports}
          total={total}
          hasOlder={hasOlder}
          loadingOlder={loadingOlder}
          selectedSeq={selectedSeq}
          formats={formats}
          labels={labels}
          onSelect={selectReport}
          onOpen={openReport}
          onNeedOlder={needOlder}
          gridRef={gridRef}
        />
      )}
    </section>
  );
}
