import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { GpuEvidenceRecord } from '../../../../electron/contract/gpu-evidence-api';
import { useClient } from '../../client/client-context';
import { CopyableText } from '../../ui/CopyableText';
import { orMissing } from '../../ui/Missing';
import type { CellFormats } from '../inventory/cell-formats';
import { DrawerField, DrawerFields } from '../inventory/DrawerFields';
import { clearEvidenceDetail, loadEvidenceDetail, useEvidenceDetailStore } from './evidence-detail-store';
import { checkLabel, evidenceBadgeLabels } from './evidence-labels';
import { evidenceVerdict, isEvidenceSource } from './evidence-verdict';
import { EvidenceBadgeView } from './EvidenceBadge';
import { EvidenceChecks } from './EvidenceChecks';
import { EvidenceEmpty } from './EvidenceEmpty';
import { EvidenceMeasurements } from './EvidenceMeasurements';
import { SaveEvidenceButton } from './SaveEvidenceButton';
import { useGpuEvidenceStore } from './store';

/**
 * The drawer's "Hardware identity" of a GPU: the verdict on its latest evidence, each check,
 * who the chip says it is, for which epoch and nonce, the evidence hash its leaf carries, the
 * measurements, and the evidence itself to save. Without evidence, how to get some.
 */
export function HardwareIdentity({ assetId, formats }: { assetId: string; formats: CellFormats }) {
  const { t } = useTranslation();
  const client = useClient();
  const shownId = useEvidenceDetailStore((state) => state.assetId);
  const loaded = useEvidenceDetailStore((state) => state.detail);
  const error = useEvidenceDetailStore((state) => state.error);
  // The latest records say whether this GPU has any evidence: without, there is nothing to ask for
  // (the core would answer not-found). Until they are loaded, ask.
  const known = useGpuEvidenceStore((state) => (state.records === undefined ? undefined : state.records.has(assetId)));
  const detail = known === false ? null : shownId === assetId ? loaded : undefined;

  useEffect(() => {
    // Evidence arriving for this GPU (an event reloads the records) flips `known` and loads it.
    if (known !== false) void loadEvidenceDetail(client, assetId);
  }, [client, assetId, known]);
  useEffect(() => () => clearEvidenceDetail(), []);

  if (error && detail === undefined) {
    return (
      <p className="field-error" role="alert" data-testid="evidence-error">
        {t('errors.heading', { area: t('gpuEvidence.section'), problem: t(`errors.code.${error.code}`) })} — {error.message}
      </p>
    );
  }
  if (detail === undefined) {
    return (
      <p className="muted busy-line" data-testid="evidence-loading">
        <span className="spinner" aria-hidden="true" /> {t('gpuEvidence.loading')}
      </p>
    );
  }
  if (detail === null) return <EvidenceEmpty />;
  const { record } = detail;
  return (
    <div className="evidence" data-testid="evidence-section" data-verdict={evidenceVerdict(record)} data-epoch={record.epochSeq}>
      <Verdict record={record} />
      <EvidenceChecks record={record} />
      <DrawerFields testId="evidence-fields">
        {record.device ? (
          <>
            <DrawerField label={<span title={t('gpuEvidence.fieldHelp.serial')}>{t('gpuEvidence.field.serial')}</span>} mono testId="evidence-serial">
              {orMissing(record.device.serial)}
            </DrawerField>
            <DrawerField label={t('gpuEvidence.field.chipId')} mono testId="evidence-chip-id">
              {orMissing(record.device.chipId)}
            </DrawerField>
            <DrawerField label={t('gpuEvidence.field.model')} testId="evidence-model">
              {orMissing(record.device.model)}
            </DrawerField>
            <DrawerField label={t('gpuEvidence.field.fwid')} mono testId="evidence-fwid">
              {orMissing(record.device.fwid)}
            </DrawerField>
            <DrawerField label={t('gpuEvidence.field.driver')} mono testId="evidence-driver">
              {orMissing(record.device.driverVersion)}
            </DrawerField>
            <DrawerField label={t('gpuEvidence.field.vbios')} mono testId="evidence-vbios">
              {orMissing(record.device.vbiosVersion)}
            </DrawerField>
          </>
        ) : null}
        <DrawerField label={t('gpuEvidence.field.epoch')} testId="evidence-epoch">
          {t('gpuEvidence.epochValue', { epoch: record.epochSeq })}
        </DrawerField>
        <DrawerField label={<span title={t('gpuEvidence.fieldHelp.nonce')}>{t('gpuEvidence.field.nonce')}</span>}>
          <CopyableText value={record.nonce} label={t('gpuEvidence.field.nonce')} testId="evidence-nonce" />
        </DrawerField>
        <DrawerField label={<span title={t('gpuEvidence.fieldHelp.evidenceHash')}>{t('gpuEvidence.field.evidenceHash')}</span>}>
          {record.evidenceHash ? <CopyableText value={record.evidenceHash} label={t('gpuEvidence.field.evidenceHash')} testId="evidence-hash" /> : orMissing(null)}
        </DrawerField>
        <DrawerField label={t('gpuEvidence.field.collectedAt')} title={record.collectedAt} testId="evidence-collected-at">
          {formats.dateTime(record.collectedAt)}
        </DrawerField>
        <DrawerField label={t('gpuEvidence.field.source')} testId="evidence-source">
          {isEvidenceSource(record.source) ? t(`gpuEvidence.source.kind.${record.source}`) : record.source}
        </DrawerField>
      </DrawerFields>
      {record.device ? <EvidenceMeasurements record={record} formats={formats} /> : null}
      {detail.evidence ? (
        <div className="evidence-actions">
          <SaveEvidenceButton detail={detail} />
        </div>
      ) : null}
    </div>
  );
}

/** The badge and the verdict in a sentence: what an operator reads first. */
function Verdict({ record }: { record: GpuEvidenceRecord }) {
  const { t } = useTranslation();
  const verdict = evidenceVerdict(record);
  const sentence =
    verdict === 'attested'
      ? t('gpuEvidence.verdict.attested')
      : verdict === 'rejected'
        ? t('gpuEvidence.verdict.rejected', { check: checkLabel(record.failure?.check ?? '', t), reason: record.failure?.reason ?? t('gpuEvidence.noReason') })
        : t('gpuEvidence.verdict.uncollected', { reason: record.failure?.reason ?? t('gpuEvidence.noReason') });
  return (
    <p className={`evidence-verdict evidence-verdict-${verdict}`} data-testid="evidence-verdict" data-verdict={verdict}>
      <EvidenceBadgeView record={record} labels={evidenceBadgeLabels(t)} />
      <span>{sentence}</span>
    </p>
  );
}
