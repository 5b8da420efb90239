import type { AssetEdit } from '../../contract/schemas/assets';
import { ApiError } from '../../contract/errors';
import type { Db } from '../db/open';
import type { Journal } from '../journal/journal';
import type { AssetRow } from './asset-register';

/** The cost book fields an operator may edit, with their column names. */
export const EDITABLE_FIELDS = { site: 'site', rack: 'rack', notes: 'notes', acquisitionCost: 'acquisition_cost', acquisitionDate: 'acquisition_date' } as const;
type EditableField = keyof typeof EDITABLE_FIELDS;
type EditableValue = string | bigint | null;

function normalizeText(value: EditableValue | undefined): EditableValue | undefined {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/**
 * Applies cost book edits; each asset's changes are journaled as {field: {before, after}} in
 * the same transaction. Unchanged fields are not journaled; an edit that changes nothing writes nothing.
 */
export class AssetEditing {
  constructor(private readonly db: Db, private readonly journal: Journal, private readonly getRow: (id: string) => AssetRow | undefined) {}

  /** Returns true when something changed. Must run inside a transaction when batching (imports). */
  update(edit: AssetEdit, at: Date = new Date()): boolean {
    return this.db.transaction(() => {
      const row = this.getRow(edit.id);
      if (!row) throw new ApiError('not-found', `no asset "${edit.id}"`);
      const changes: Record<string, { before: EditableValue; after: EditableValue }> = {};
      for (const field of Object.keys(EDITABLE_FIELDS) as EditableField[]) {
        const next = normalizeText(edit[field] as EditableValue | undefined);
        if (next === undefined) continue;
        const before = row[EDITABLE_FIELDS[field]] as EditableValue;
        if (before === next) continue; // bigint money compares by value too
        changes[field] = { before, after: next };
      }
      if (Object.keys(changes).length === 0) return false;
      const assignments = Object.keys(changes).map((field) => `${EDITABLE_FIELDS[field as EditableField]} = @${field}`);
      const values = Object.fromEntries(Object.entries(changes).map(([field, change]) => [field, change.after]));
      this.db.prepare(`UPDATE assets SET ${assignments.join(', ')} WHERE id = @id`).run({ ...values, id: edit.id });
      this.journal.append({ kind: 'asset.updated', entity: edit.id, payload: { changes }, at });
      return true;
    })();
  }

  retire(id: string, reason: string, at: Date = new Date()): void {
    this.db.transaction(() => {
      const row = this.getRow(id);
      if (!row) throw new ApiError('not-found', `no asset "${id}"`);
      if (row.status === 'retired') throw new ApiError('conflict', `${id} is already retired`);
      this.db.prepare("UPDATE assets SET status = 'retired' WHERE id = ?").run(id);
      this.journal.append({ kind: 'asset.retired', entity: id, payload: { reason, previousStatus: row.status }, at });
    })();
  }
}
