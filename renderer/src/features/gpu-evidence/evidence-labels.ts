import type { TFunction } from 'i18next';
import type { GpuEvidenceRecord } from '../../../../electron/contract/gpu-evidence-api';
import { shortenHex } from './evidence-formats';
import { EVIDENCE_VERDICTS, evidenceVerdict, isKnownCheck, type EvidenceVerdict } from './evidence-verdict';

/** A check's name in words ("Report signature"); one a newer core adds, verbatim. */
export function checkLabel(name: string, t: TFunction): string {
  return isKnownCheck(name) ? t(`gpuEvidence.check.${name}.label`) : name;
}

/** What the check establishes, one line, for its tooltip. */
export function checkHelp(name: string, t: TFunction): string | null {
  return isKnownCheck(name) ? t(`gpuEvidence.check.${name}.help`) : null;
}

/**
 * The badge words of the Inventory rows, translated once per language (rows take plain strings:
 * see inventory/row-labels.ts), and its tooltip, built only for the GPUs that have evidence.
 */
export interface EvidenceBadgeLabels {
  text: Record<EvidenceVerdict, string>;
  /** The grid's compact form ("HW ✓"). */
  short: Record<EvidenceVerdict, string>;
  title(record: GpuEvidenceRecord): string;
}

export function evidenceBadgeLabels(t: TFunction): EvidenceBadgeLabels {
  const text = Object.fromEntries(EVIDENCE_VERDICTS.map((verdict) => [verdict, t(`gpuEvidence.badge.${verdict}`)])) as EvidenceBadgeLabels['text'];
  const short = Object.fromEntries(EVIDENCE_VERDICTS.map((verdict) => [verdict, t(`gpuEvidence.badgeShort.${verdict}`)])) as EvidenceBadgeLabels['short'];
  const title = (record: GpuEvidenceRecord): string => verdictSentence(record, t, { shortIds: true });
  return { text, short, title };
}

/**
 * The verdict in one sentence, with what identifies it: the epoch and the GPU's UEID when
 * verified, the failed check and its reason when not. The tooltip shortens the UEID; the
 * drawer lists it whole beside.
 */
export function verdictSentence(record: GpuEvidenceRecord, t: TFunction, options: { shortIds?: boolean } = {}): string {
  const epoch = record.epochSeq;
  switch (evidenceVerdict(record)) {
    case 'attested': {
      const serial = record.device?.serial ?? '';
      return t('gpuEvidence.badgeTitle.attested', { epoch, ueid: options.shortIds ? shortenHex(serial) : serial });
    }
    case 'rejected':
      return t('gpuEvidence.badgeTitle.rejected', { epoch, check: checkLabel(record.failure?.check ?? '', t), reason: record.failure?.reason ?? '' });
    case 'uncollected':
      return t('gpuEvidence.badgeTitle.uncollected', { epoch, reason: record.failure?.reason ?? t('gpuEvidence.noReason') });
  }
}
