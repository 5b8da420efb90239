import { useTranslation } from 'react-i18next';
import type { AssetSummary } from '../../../../electron/contract/schemas/assets';
import { HealthChip } from './AssetChips';
import { describeReasons } from './health-labels';

/** The health status and each reason with what it means and what to do. */
export function AssetHealthReasons({ health }: { health: AssetSummary['health'] }) {
  const { t } = useTranslation();
  const reasons = describeReasons(health.reasons, (key) => t(key));
  return (
    <div className="drawer-health" data-testid="inventory-health">
      <HealthChip health={health} />
      {reasons.length === 0 ? (
        <p className="muted">{t('inventory.drawer.noReasons')}</p>
      ) : (
        <ul className="reason-list">
          {reasons.map((reason) => (
            <li key={reason.code} className="reason" data-reason={reason.code}>
              <strong className="reason-label">{reason.label}</strong>
              {reason.help ? <span className="reason-help">{reason.help}</span> : null}
              <code className="reason-code">{reason.code}</code>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
