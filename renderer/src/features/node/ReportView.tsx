import { useDeferredValue, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../client/client-context';
import { ReportChainRecord } from '../chain/ReportChainRecord';
import { AttestedGpuCount } from '../gpu-evidence/AttestedGpuCount';
import { AttestationBlock } from './AttestationBlock';
import { FlagLegend } from './FlagLegend';
import { countFlags, filterLeaves, type LeafFlagFilter, type ReportLeaf } from './leaf-filter';
import { LeafToolbar } from './LeafToolbar';
import { LeavesTable } from './LeavesTable';
import type { NodeFormats } from './node-formats';
import { loadReportDetail } from './report-detail';
import { ReportStatusChip } from './ReportStatusChip';
import { ReportSummaryFields } from './ReportSummaryFields';
import { useNodeStore } from './store';
import type { NodeLabels } from './use-node-labels';

const NO_LEAVES: readonly ReportLeaf[] = [];

interface ReportViewProps {
  seq: number;
  /** The newest report's seq, if known: "Newer" stops there. */
  newestSeq: number | null;
  formats: NodeFormats;
  labels: NodeLabels;
  onOpen(seq: number): void;
  onClose(): void;
}

/**
 * One report in full, in place of the list: its summary and hashes, the health flags of the
 * epoch, every leaf, and the signed attestation. Remounted per report (key), so the filters
 * start afresh on each.
 */
export function ReportView({ seq, newestSeq, formats, labels, onOpen, onClose }: ReportViewProps) {
  const { t } = useTranslation();
  const client = useClient();
  const titleId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const loaded = useNodeStore((state) => state.detail);
  const error = useNodeStore((state) => state.detailError);
  const listed = useNodeStore((state) => state.reports?.find((report) => report.seq === seq));
  const detail = loaded?.report.seq === seq ? loaded : null;
  // The list's row is shown at once, while the leaves load.
  const report = detail?.report ?? listed;

  const [query, setQuery] = useState('');
  const [flags, setFlags] = useState<LeafFlagFilter>({ kind: 'all' });
  const deferredQuery = useDeferredValue(query);
  const leaves = detail?.leaves ?? NO_LEAVES;
  const flagCounts = useMemo(() => countFlags(leaves), [leaves]);
  const shownLeaves = useMemo(() => filterLeaves(leaves, { query: deferredQuery, flags }), [leaves, deferredQuery, flags]);

  useEffect(() => {
    void loadReportDetail(client, seq);
  }, [client, seq]);
  useEffect(() => headingRef.current?.focus({ preventScroll: true }), []);

  return (
    <article className="report-view" aria-labelledby={titleId} data-testid="node-report-view" data-seq={seq} data-loaded={detail !== null}>
      <header className="report-view-header">
        <button type="button" className="button" onClick={onClose} aria-keyshortcuts="Escape" title={t('node.report.closeHelp')} data-testid="node-report-close">
          <span aria-hidden="true">←</span> {t('node.report.close')}
        </button>
        <h2 id={titleId} ref={headingRef} className="report-view-title" tabIndex={-1}>
          {t('node.report.title', { seq })}
        </h2>
        {report ? <ReportStatusChip status={report.status} labels={labels.reportStatus} /> : null}
        <span className="report-view-nav">
          <button type="button" className="button button-quiet" disabled={newestSeq === null || seq >= newestSeq} onClick={() => onOpen(seq + 1)} data-testid="node-report-newer">
            {t('node.report.newer')}
          </button>
          <button type="button" className="button button-quiet" disabled={seq <= 1} onClick={() => onOpen(seq - 1)} data-testid="node-report-older">
            {t('node.report.older')}
          </button>
        </span>
      </header>
      {error && !detail ? (
        <p className="field-error" role="alert">
          {t('errors.heading', { area: t('errors.context.report'), problem: t(`errors.code.${error.code}`) })} — {error.message}
        </p>
      ) : null}
      {report ? (
        <ReportSection title={t('node.report.summary')}>
          <ReportSummaryFields report={report} formats={formats} />
          {detail ? <AttestedGpuCount leaves={detail.leaves} formats={formats} /> : null}
        </ReportSection>
      ) : null}
      {!detail ? (
        error ? null : (
          <p className="muted busy-line" data-testid="node-report-loading">
            <span className="spinner" aria-hidden="true" /> {t('node.report.loading')}
          </p>
        )
      ) : (
        <>
          <ReportSection title={t('node.flags.title')}>
            <FlagLegend byFlag={flagCounts.byFlag} filter={flags} formats={formats} labels={labels} onFilter={setFlags} />
          </ReportSection>
          <ReportSection title={t('node.leaves.title')} className="report-leaves">
            <LeafToolbar query={query} flags={flags} shown={shownLeaves.length} total={leaves.length} flagged={flagCounts.flagged} formats={formats} onQuery={setQuery} onFlags={setFlags} />
            <div className="report-leaves-frame">
              {leaves.length === 0 ? (
                <p className="node-empty" data-testid="node-leaves-none">
                  {t('node.leaves.none')}
                </p>
              ) : (
                <LeavesTable leaves={shownLeaves} seq={seq} formats={formats} labels={labels} />
              )}
              {shownLeaves.length === 0 && leaves.length > 0 ? (
                <p className="node-no-match" data-testid="node-leaves-no-match">
                  {t('node.leaves.noMatch')}
                </p>
              ) : null}
            </div>
          </ReportSection>
          <ReportSection title={t('node.attestation.heading')}>
            <AttestationBlock attestation={detail.attestation} status={detail.report.status} />
          </ReportSection>
          <ReportSection title={t('chain.report.heading')}>
            <ReportChainRecord seq={seq} />
          </ReportSection>
        </>
      )}
    </article>
  );
}

function ReportSection({ title, className, children }: { title: string; className?: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <section className={className ? `report-section ${className}` : 'report-section'} aria-labelledby={headingId}>
      <h3 id={headingId} className="report-section-title">
        {title}
      </h3>
      {children}
    </section>
  );
}
