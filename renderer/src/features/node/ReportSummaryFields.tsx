import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportSummary } from '../../../../electron/contract/schemas/node';
import { CopyableText } from '../../ui/CopyableText';
import type { NodeFormats } from './node-formats';

/**
 * What the report says about itself, in full: the facts in a dense row, then the hashes an
 * auditor compares character by character, whole and selectable.
 */
export function ReportSummaryFields({ report, formats }: { report: ReportSummary; formats: NodeFormats }) {
  const { t } = useTranslation();
  const notSigned = <span className="muted">{t('node.report.notSigned')}</span>;
  return (
    <>
      <dl className="report-facts">
        <Fact label={t('node.report.field.window')} note={formats.epochWindowUtc(report.epochStart, report.epochEnd)} wide>
          <span data-testid="node-report-window">{formats.epochWindow(report.epochStart, report.epochEnd)}</span>
        </Fact>
        <Fact label={t('node.report.field.closedAt')}>
          <span title={formats.dateTime(report.closedAt)}>{formats.shortDateTime(report.closedAt)}</span>
        </Fact>
        <Fact label={t('node.report.field.assets')}>
          <span data-testid="node-report-assets">{formats.integer(report.assetCount)}</span>
        </Fact>
        <Fact label={t('node.report.field.observed')} help={t('node.report.field.observedHelp')}>
          <span className={report.observedBps < 10_000 ? 'node-partial' : undefined}>{formats.bps(report.observedBps)}</span>
        </Fact>
        <Fact label={t('node.report.field.signedAt')}>{report.signedAt ? <span title={formats.dateTime(report.signedAt)}>{formats.shortDateTime(report.signedAt)}</span> : notSigned}</Fact>
      </dl>
      <dl className="report-hashes">
        <HashField label={t('node.report.field.merkleRoot')} value={report.merkleRoot} testId="node-report-root" />
        <HashField label={t('node.report.field.journalHead')} value={report.journalHead} testId="node-report-journal-head" help={t('node.report.field.journalHeadHelp')} />
        <HashField label={t('node.report.field.reportHash')} value={report.reportHash} testId="node-report-hash" empty={notSigned} />
        <HashField label={t('node.report.field.uid')} value={report.uid} testId="node-report-uid" empty={notSigned} />
        <HashField label={t('node.report.field.signer')} value={report.signer} testId="node-report-signer" empty={notSigned} />
      </dl>
    </>
  );
}

function Fact({ label, note, help, wide, children }: { label: string; note?: string; help?: string; wide?: boolean; children: ReactNode }) {
  return (
    <div className={wide ? 'report-fact report-fact-wide' : 'report-fact'}>
      <dt title={help}>{label}</dt>
      <dd>
        {children}
        {note ? <span className="field-note">{note}</span> : null}
      </dd>
    </div>
  );
}

function HashField({ label, value, testId, help, empty }: { label: string; value: string | null; testId: string; help?: string; empty?: ReactNode }) {
  return (
    <div className="report-hash">
      <dt title={help}>{label}</dt>
      <dd>{value === null ? <span data-testid={testId}>{empty}</span> : <CopyableText value={value} label={label} testId={testId} />}</dd>
    </div>
  );
}
