import { useTranslation } from 'react-i18next';
import type { GpuEvidenceRecord } from '../../../../electron/contract/gpu-evidence-api';
import { checkHelp, checkLabel } from './evidence-labels';
import { checksToShow, ONLINE_CHECKS } from './evidence-verdict';

/**
 * Every check the verifier ran, in its order, with its result and the verifier's own words. The
 * online checks (revocation, reference measurements) are always listed, as "not checked offline"
 * when nothing checked them, with a note saying why.
 */
export function EvidenceChecks({ record }: { record: GpuEvidenceRecord }) {
  const { t } = useTranslation();
  const checks = checksToShow(record);
  if (checks.length === 0) return null;
  const offline = checks.some((check) => check.status === 'not-checked-offline' && (ONLINE_CHECKS as readonly string[]).includes(check.name));
  return (
    <>
      <div className="table-scroll">
        <table className="data-table evidence-checks" data-testid="evidence-checks" aria-label={t('gpuEvidence.checks')}>
          <thead>
            <tr>
              <th>{t('gpuEvidence.checkColumn.check')}</th>
              <th>{t('gpuEvidence.checkColumn.status')}</th>
              <th>{t('gpuEvidence.checkColumn.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {checks.map((check) => (
              <tr key={check.name} data-testid="evidence-check" data-check={check.name} data-status={check.status}>
                <td title={checkHelp(check.name, t) ?? undefined}>{checkLabel(check.name, t)}</td>
                <td>
                  <span className={`chip chip-check chip-check-${check.status}`}>{t(`gpuEvidence.checkStatus.${check.status}`)}</span>
                </td>
                <td className="wrap evidence-check-detail">{check.detail || <span className="missing">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {offline ? (
        <p className="field-note evidence-online-note" data-testid="evidence-online-note">
          {t('gpuEvidence.onlineNote')}
        </p>
      ) : null}
    </>
  );
}
