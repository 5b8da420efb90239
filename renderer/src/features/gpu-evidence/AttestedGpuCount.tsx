import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportDetail } from '../../../../electron/contract/schemas/node';
import type { NodeFormats } from '../node/node-formats';
import { countAttested } from './evidence-verdict';

/** "HW-attested GPUs: 8 of 8" for a report; nothing for a report without GPUs. */
export function AttestedGpuCount({ leaves, formats }: { leaves: ReportDetail['leaves']; formats: NodeFormats }) {
  const { t } = useTranslation();
  const { gpus, attested } = useMemo(() => countAttested(leaves), [leaves]);
  if (gpus === 0) return null;
  return (
    <p className="report-attested" data-testid="node-report-attested" data-attested={attested} data-gpus={gpus} title={t('gpuEvidence.leaf.countHelp')}>
      <span className="report-attested-label">{t('gpuEvidence.leaf.count')}</span>{' '}
      <strong className={attested > 0 ? 'report-attested-value report-attested-some' : 'report-attested-value'}>{t('gpuEvidence.leaf.countValue', { attested: formats.integer(attested), gpus: formats.integer(gpus) })}</strong>
    </p>
  );
}
