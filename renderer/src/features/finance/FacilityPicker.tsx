import { useTranslation } from 'react-i18next';
import type { FacilitySummary } from '../../../../electron/contract/schemas/facilities';

/** Which facility the Collateral and Waterfall tabs show. */
export function FacilityPicker({ facilities, value, onChange }: { facilities: readonly FacilitySummary[]; value: string | null; onChange(id: string): void }) {
  const { t } = useTranslation();
  return (
    <label className="fin-picker">
      <span>{t('finance.books.facility')}</span>
      <select value={value ?? ''} onChange={(event) => onChange(event.target.value)} data-testid="finance-facility-picker">
        {facilities.map((facility) => (
          <option key={facility.id} value={facility.id}>
            {facility.name} — {facility.lender}
          </option>
        ))}
      </select>
    </label>
  );
}
