import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportSummary } from '../../../../electron/contract/schemas/node';
import { CopyableText } from '../../ui/CopyableText';

/**
 * The signed EAS offchain attestation, as the node stores it: what a lender or an auditor feeds to
 * the EAS SDK to verify. Collapsed by default (it is long); the JSON is plain selectable text.
 */
export function AttestationBlock({ attestation, status }: { attestation: unknown; status: ReportSummary['status'] }) {
  const { t } = useTranslation();
  const json = useMemo(() => (attestation === null || attestation === undefined ? null : JSON.stringify(attestation, null, 2)), [attestation]);
  if (json === null) {
    return (
      <p className="muted attestation-none" data-testid="node-attestation" data-state="none">
        {status === 'unsigned' ? t('node.attestation.waiting') : t('node.attestation.none')}
      </p>
    );
  }
  return (
    <details className="attestation" data-testid="node-attestation" data-state="signed">
      <summary className="attestation-summary">{t('node.attestation.title')}</summary>
      <div className="attestation-body">
        <CopyableText value={json} label={t('node.attestation.title')} testId="node-attestation-json" block />
      </div>
    </details>
  );
}
