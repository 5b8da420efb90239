import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FacilitySummary } from '../../../../electron/contract/schemas/facilities';
import { isNavigationKey, nextRowIndex } from '../../ui/row-navigation';
import type { FinanceFormats } from './finance-formats';
import { FacilityStatusChip } from './StatusChips';

interface FacilitiesTableProps {
  facilities: FacilitySummary[];
  formats: FinanceFormats;
  selectedId: string | null;
  onSelect(id: string): void;
  onOpen(id: string): void;
}

/**
 * Every facility, one row each. An operator has tens, not thousands, so every row is in the DOM;
 * the table holds focus and the selected row is its aria-activedescendant (arrows, Home/End, Enter).
 */
export function FacilitiesTable({ facilities, formats, selectedId, onSelect, onOpen }: FacilitiesTableProps) {
  const { t } = useTranslation();
  const idPrefix = useId();
  const gridRef = useRef<HTMLTableElement>(null);
  const selectedIndex = facilities.findIndex((facility) => facility.id === selectedId);

  // Coming back from a facility: the list takes the focus, on the row that was open.
  useEffect(() => gridRef.current?.focus({ preventScroll: true }), []);
  useEffect(() => {
    if (selectedIndex >= 0) document.getElementById(`${idPrefix}-${selectedIndex}`)?.scrollIntoView({ block: 'nearest' });
  }, [idPrefix, selectedIndex]);

  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (isNavigationKey(event.key)) {
      event.preventDefault();
      const next = facilities[nextRowIndex(event.key, selectedIndex, facilities.length, 10)];
      if (next) onSelect(next.id);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      const row = facilities[selectedIndex] ?? facilities[0];
      if (row) onOpen(row.id);
    }
  };

  return (
    <div className="table-scroll fin-list">
      <table
        ref={gridRef}
        role="grid"
        className="data-table fin-table"
        tabIndex={0}
        aria-label={t('finance.list.label')}
        aria-activedescendant={selectedIndex >= 0 ? `${idPrefix}-${selectedIndex}` : undefined}
        onKeyDown={onKeyDown}
        data-testid="finance-list"
      >
        <thead>
          <tr>
            <th scope="col">{t('finance.field.name')}</th>
            <th scope="col">{t('finance.field.lender')}</th>
            <th scope="col">{t('finance.field.structure')}</th>
            <th scope="col" className="numeric">
              {t('finance.field.principal')}
            </th>
            <th scope="col" className="numeric">
              {t('finance.list.outstanding')}
            </th>
            <th scope="col">{t('finance.list.nextPayment')}</th>
            <th scope="col" className="numeric">
              {t('finance.list.arrears')}
            </th>
            <th scope="col" className="numeric">
              {t('finance.list.daysPastDue')}
            </th>
            <th scope="col">{t('finance.list.status')}</th>
          </tr>
        </thead>
        <tbody>
          {facilities.map((facility, index) => (
            <tr
              key={facility.id}
              id={`${idPrefix}-${index}`}
              aria-selected={index === selectedIndex}
              className={index === selectedIndex ? 'fin-row-selected' : undefined}
              data-testid="finance-facility-row"
              data-facility-id={facility.id}
              data-status={facility.status}
              onClick={() => {
                gridRef.current?.focus({ preventScroll: true });
                onOpen(facility.id);
              }}
            >
              <td className="fin-name">{facility.name}</td>
              <td>{facility.lender}</td>
              <td>{t(`finance.structure.${facility.structure}`)}</td>
              <td className="numeric">{formats.money(facility.principal)}</td>
              <td className="numeric">{formats.money(facility.outstandingPrincipal)}</td>
              <td>
                {facility.nextPayment ? (
                  <>
                    {formats.date(facility.nextPayment.dueDate)}
                    {facility.nextPayment.amount !== null ? <span className="fin-sub numeric"> · {formats.money(facility.nextPayment.amount)}</span> : null}
                  </>
                ) : (
                  <span className="missing">—</span>
                )}
              </td>
              <td className={facility.arrears > 0n ? 'numeric fin-danger' : 'numeric'}>{formats.money(facility.arrears)}</td>
              <td className="numeric">{facility.daysPastDue > 0 ? formats.integer(facility.daysPastDue) : '—'}</td>
              <td>
                <FacilityStatusChip status={facility.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
