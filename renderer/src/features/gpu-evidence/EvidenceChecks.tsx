import { useTranslation } from 'react-i18next';
import type { GpuEvidenceRecord } from '../../../../electron/contract/gpu-evidence-api';
import { checkHelp, checkLabel } from './evidence-labels';
import { checksToShow, ONLINE_CHECKS } from './evidence-verdict';

/**
 * Every check the verifier ran, in its order, with its result and the verifier's own words
 * underneath (a list, not a table: a three-column table scrolled sideways in the drawer). The
 * online checks (revocation, reference measurements) are always listed, as "not checked
 * offline" when nothing checked them, with a note saying why.
 */
export function EvidenceChecks({ record }: { record: GpuEvidenceRecord }) {
  const { t } = useTranslation();
  const checks = checksToShow(record);
  if (checks.length === 0) return null;
  const offline = checks.some((check) => check.status === 'not-checked-offline' && (ONLINE_CHECKS as readonly string[]).includes(check.name));
  return (
    <div className="evidence-checks-block">
      <ul className="evidence-checks" data-testid="evidence-checks" aria-label={t('gpuEvidence.checks')}>
        {checks.map((check) => (
          <li key={check.name} className="evidence-check" data-testid="evidence-check" data-check={check.name} data-status={check.status}>
            <span className="evidence-check-name" title={checkHelp(check.name, t) ?? undefined}>
              {checkLabel(check.name, t)}
            </span>
            <span className={`chip chip-check chip-check-${check.status}`}>{t(`gpuEvidence.checkStatus.${check.status}`)}</span>
            {check.detail ? <span className="evidence-check-detail">{check.detail}</span> : null}
          </li>
        ))}
      </ul>
      {offline ? (
        <p className="field-note evidence-online-note" data-testid="evidence-online-note">
          {t('gpuEvidence.onlineNote')}
        </p>
      ) : null}
    </div>
  );
}
