import type { Db } from '../db/open';
import type { Journal } from '../journal/journal';
import { canonicalJson } from '../journal/canonical';

export type AssetKind = 'host' | 'gpu' | 'robot';

export interface AssetSighting {
  id: string;
  kind: AssetKind;
  label: string;
  /** The identifiers the id was derived from and is checked against on every sighting. */
  identity: Record<string, string | null>;
}

interface AssetRow {
  id: string;
  kind: AssetKind;
  label: string;
  status: 'present' | 'missing' | 'retired';
  identity: string;
  first_seen: string;
  last_seen: string;
}

/**
 * The register of assets. Every change that matters to a lender (a new asset, a changed
 * identity, an asset coming back) goes through the journal in the same transaction.
 */
export class AssetRegister {
  constructor(private readonly db: Db, private readonly journal: Journal) {}

  get(id: string): AssetRow | undefined {
    return this.db.prepare('SELECT * FROM assets WHERE id = ?').get(id) as AssetRow | undefined;
  }

  /** Records that an asset was seen now; returns what changed for the register. */
  recordSighting(sighting: AssetSighting, at: Date): 'discovered' | 'identity-changed' | 'returned' | 'seen' {
    return this.db.transaction(() => {
      const now = at.toISOString();
      const identity = canonicalJson(sighting.identity);
      const existing = this.get(sighting.id);
      if (!existing) {
        this.db.prepare('INSERT INTO assets (id, kind, label, status, identity, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?)').run(sighting.id, sighting.kind, sighting.label, 'present', identity, now, now);
        this.journal.append({ kind: 'asset.discovered', entity: sighting.id, payload: { kind: sighting.kind, label: sighting.label, identity: sighting.identity }, at });
        return 'discovered';
      }
      let change: 'identity-changed' | 'returned' | 'seen' = 'seen';
      if (existing.identity !== identity) {
        this.journal.append({ kind: 'asset.identity-changed', entity: sighting.id, payload: { before: JSON.parse(existing.identity), after: sighting.identity }, at });
        change = 'identity-changed';
      } else if (existing.status === 'missing') {
        this.journal.append({ kind: 'asset.returned', entity: sighting.id, payload: { missingSince: existing.last_seen }, at });
        change = 'returned';
      }
      this.db.prepare("UPDATE assets SET label = ?, identity = ?, last_seen = ?, status = CASE status WHEN 'retired' THEN 'retired' ELSE 'present' END WHERE id = ?").run(sighting.label, identity, now, sighting.id);
      return change;
    })();
  }
}
