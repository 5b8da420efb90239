import { useTranslation } from 'react-i18next';
import type { FacetCounts, FacetId, InventoryFilters } from './filter-assets';
import { ASSET_KINDS, ASSET_STATUSES, HEALTH_STATUSES } from './health-labels';
import type { CellFormats } from './cell-formats';
import { clearFilters, toggleChip } from './view-store';

interface FilterChipsProps {
  filters: InventoryFilters;
  counts: FacetCounts;
  formats: CellFormats;
  /** Whether anything (a chip or the search) narrows the list: offers "Clear filters". */
  narrowed: boolean;
}

/** Toggle chips per facet, each with how many rows it would show; pressed chips are aria-pressed. */
export function FilterChips({ filters, counts, formats, narrowed }: FilterChipsProps) {
  const { t } = useTranslation();
  return (
    <div className="inv-chips" role="group" aria-label={t('inventory.facet.label')}>
      <Facet facet="kind" label={t('inventory.facet.kind')} values={ASSET_KINDS} labelOf={(value) => t(`inventory.kind.${value}`)} filters={filters} counts={counts.kind} formats={formats} />
      <Facet facet="status" label={t('inventory.facet.status')} values={ASSET_STATUSES} labelOf={(value) => t(`inventory.status.${value}`)} filters={filters} counts={counts.status} formats={formats} />
      <Facet facet="health" label={t('inventory.facet.health')} values={HEALTH_STATUSES} labelOf={(value) => t(`inventory.health.${value}`)} filters={filters} counts={counts.health} formats={formats} />
      {narrowed ? (
        <button type="button" className="button button-quiet inv-clear" onClick={clearFilters} data-testid="inventory-clear-filters">
          {t('inventory.clearFilters')}
        </button>
      ) : null}
    </div>
  );
}

interface FacetProps<F extends FacetId> {
  facet: F;
  label: string;
  values: readonly InventoryFilters[F][number][];
  labelOf(value: InventoryFilters[F][number]): string;
  filters: InventoryFilters;
  counts: Record<InventoryFilters[F][number], number>;
  formats: CellFormats;
}

function Facet<F extends FacetId>({ facet, label, values, labelOf, filters, counts, formats }: FacetProps<F>) {
  const active = filters[facet] as readonly string[];
  return (
    <div className="inv-facet" role="group" aria-label={label}>
      <span className="inv-facet-label" aria-hidden="true">
        {label}
      </span>
      {values.map((value) => {
        const pressed = active.includes(value);
        const count = counts[value];
        // A value nobody has (robots, before the robots feature) is hidden unless it is on.
        if (count === 0 && !pressed && facet === 'kind') return null;
        return (
          <button
            key={value}
            type="button"
            className={`filter-chip filter-chip-${facet}-${value}`}
            aria-pressed={pressed}
            data-testid={`inventory-filter-${facet}-${value}`}
            data-count={count}
            onClick={() => toggleChip(facet, value)}
          >
            <span className="filter-chip-label">{labelOf(value)}</span>
            <span className="filter-chip-count">{formats.integer(count)}</span>
          </button>
        );
      })}
    </div>
  );
}
