import { useTranslation } from 'react-i18next';
import { nodeFormats } from '../features/node/node-formats';
import { ExportPeriodCard } from '../features/reports/ExportPeriodCard';
import { ProofExportCard } from '../features/reports/ProofExportCard';
import { VerifyCard } from '../features/reports/VerifyCard';
import { PageHeader } from '../ui/PageHeader';
import { useLanguage } from '../ui/use-language';

/**
 * Audit bundles (docs/audit-bundle.md): export a period for an auditor, verify a bundle or a
 * proof someone hands over — the same result as `sietch audit verify` — and export one asset's
 * proof for a lender.
 */
export function ReportsPage() {
  const { t } = useTranslation();
  const formats = nodeFormats(useLanguage());
  return (
    <div className="reports-page">
      <PageHeader title={t('pages.reports.title')} summary={t('pages.reports.summary')} />
      <div className="reports-grid">
        <ExportPeriodCard formats={formats} />
        <ProofExportCard />
        <VerifyCard formats={formats} />
      </div>
    </div>
  );
}
