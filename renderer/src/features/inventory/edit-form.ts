import type { AssetDetail, AssetEdit } from '../../../../electron/contract/schemas/assets';
import { parseCostInput, unitsForInput, type CostInputError } from './money-display';

/** The cost book form as typed: every field a string, as inputs hold them. */
export interface EditValues {
  site: string;
  rack: string;
  cost: string;
  date: string;
  notes: string;
}
export type EditFieldName = keyof EditValues;

export type EditError = { kind: CostInputError } | { kind: 'date' } | { kind: 'tooLong'; max: number };
export type EditErrors = Partial<Record<EditFieldName, EditError>>;

/** The server's limits (contract/schemas/assets.ts), checked here first for a clear message. */
export const TEXT_LIMITS = { site: 200, rack: 200, notes: 4000 } as const;

export function valuesFromDetail(detail: Pick<AssetDetail, 'asset' | 'notes'>): EditValues {
  const { asset } = detail;
  return { site: asset.site ?? '', rack: asset.rack ?? '', cost: unitsForInput(asset.acquisitionCost), date: asset.acquisitionDate ?? '', notes: detail.notes ?? '' };
}

/** A real calendar day as YYYY-MM-DD (2026-02-30 is refused). */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

const textOrNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());

/**
 * Checks the form and builds the update with only the fields that changed against what the
 * drawer loaded, so saving one field never overwrites another someone else just edited.
 * `edit` is null when there is an error or nothing changed.
 */
export function buildEdit(id: string, values: EditValues, loaded: Pick<AssetDetail, 'asset' | 'notes'>, language: string): { edit: AssetEdit | null; errors: EditErrors; changed: boolean } {
  const errors: EditErrors = {};
  const edit: AssetEdit = { id };
  let changed = false;

  for (const field of ['site', 'rack', 'notes'] as const) {
    const next = textOrNull(values[field]);
    if (next !== null && next.length > TEXT_LIMITS[field]) errors[field] = { kind: 'tooLong', max: TEXT_LIMITS[field] };
    const before = field === 'notes' ? loaded.notes : loaded.asset[field];
    if (next !== (before ?? null)) {
      edit[field] = next;
      changed = true;
    }
  }

  const cost = parseCostInput(values.cost, language);
  if (!cost.ok) errors.cost = { kind: cost.error };
  else if (cost.value !== loaded.asset.acquisitionCost) {
    edit.acquisitionCost = cost.value;
    changed = true;
  }

  const date = values.date.trim();
  if (date !== '' && !isCalendarDate(date)) errors.date = { kind: 'date' };
  else if ((date || null) !== loaded.asset.acquisitionDate) {
    edit.acquisitionDate = date || null;
    changed = true;
  }

  const valid = Object.keys(errors).length === 0;
  return { edit: valid && changed ? edit : null, errors, changed };
}
