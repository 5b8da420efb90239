import { useTranslation } from 'react-i18next';
import { Field } from '../../ui/Fields';
import type { NodeFormats } from '../node/node-formats';
import { commonName } from './evidence-formats';
import { useGpuEvidenceStore } from './store';

/**
 * The Node status card's line about hardware evidence: where it comes from, the trusted root it
 * is verified against, what collection counted, and its problem if it has one (a root file that
 * is missing, a command that fails). Nothing until the core has answered.
 */
export function EvidenceSourceField({ formats }: { formats: NodeFormats }) {
  const { t } = useTranslation();
  const status = useGpuEvidenceStore((state) => state.status);
  if (!status) return null;
  const off = status.source === 'off';
  const { counters } = status;
  const note = off ? (
    <span>{t('gpuEvidence.source.offNote')}</span>
  ) : (
    <>
      <span className="evidence-source-root" title={status.rootSubject ?? undefined} data-testid="node-evidence-root">
        {status.rootSubject ? t('gpuEvidence.source.root', { name: commonName(status.rootSubject) }) : t('gpuEvidence.source.noRoot')}
      </span>
      <span
        className="evidence-source-counters"
        title={t('gpuEvidence.source.countersHelp', { collected: formats.integer(counters.collected) })}
        data-testid="node-evidence-counters"
        data-collected={counters.collected}
        data-verified={counters.verified}
        data-rejected={counters.rejected}
        data-failed={counters.failed}
      >
        {t('gpuEvidence.source.counters', { verified: formats.integer(counters.verified), rejected: formats.integer(counters.rejected), failed: formats.integer(counters.failed) })}
      </span>
      {status.lastCollectionAt ? (
        <span className="evidence-source-last" title={formats.dateTime(status.lastCollectionAt)}>
          {t('gpuEvidence.source.lastCollection', { time: formats.shortDateTime(status.lastCollectionAt) })}
        </span>
      ) : null}
      {status.problem ? (
        <span className="evidence-source-problem" data-testid="node-evidence-problem">
          {t('gpuEvidence.source.problem', { problem: status.problem })}
        </span>
      ) : null}
    </>
  );
  return (
    <Field label={t('gpuEvidence.source.label')} note={note}>
      <span data-testid="node-evidence-source" data-source={status.source} className={off ? 'muted' : undefined}>
        {t(`gpuEvidence.source.kind.${status.source}`)}
      </span>
    </Field>
  );
}
