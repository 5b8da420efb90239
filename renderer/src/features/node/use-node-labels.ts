import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { describeFlag, type FlagText } from './flag-labels';
import { REPORT_STATUSES, type ReportStatusLabels } from './ReportStatusChip';

/**
 * The words the report and leaf rows show, translated once per language: rows take plain
 * strings, so a fast scroll does not run a translation hook in every row and chip.
 */
export interface NodeLabels {
  reportStatus: ReportStatusLabels;
  kind: Record<'gpu' | 'host' | 'robot', string>;
  flag(name: string): FlagText;
  identityOk: string;
  identityMismatch: string;
  /** The leaf's hardware-attested mark and its tooltip (the evidence hash is added per leaf). */
  hwMark: string;
  hwAttested(evidenceHash: string): string;
  notSigned: string;
}

export function useNodeLabels(): NodeLabels {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  return useMemo(() => {
    const reportStatus: ReportStatusLabels = {
      label: Object.fromEntries(REPORT_STATUSES.map((status) => [status, t(`node.reportStatus.${status}`)])) as ReportStatusLabels['label'],
      help: Object.fromEntries(REPORT_STATUSES.map((status) => [status, t(`node.reportStatusHelp.${status}`)])) as ReportStatusLabels['help'],
    };
    const flags = new Map<string, FlagText>();
    const flag = (name: string): FlagText => {
      let text = flags.get(name);
      if (!text) flags.set(name, (text = describeFlag(name, (key) => t(key))));
      return text;
    };
    return {
      reportStatus,
      kind: { gpu: t('inventory.kind.gpu'), host: t('inventory.kind.host'), robot: t('inventory.kind.robot') },
      flag,
      identityOk: t('node.leaves.identityOk'),
      identityMismatch: t('node.leaves.identityMismatch'),
      hwMark: t('gpuEvidence.leaf.mark'),
      hwAttested: (hash: string) => t('gpuEvidence.leaf.attested', { hash }),
      notSigned: t('node.report.notSigned'),
    };
    // The language is what changes t's output; t itself may keep its identity.
  }, [t, language]);
}
