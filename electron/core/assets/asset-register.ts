import type { Db } from '../db/open';
import type { Statement } from 'better-sqlite3';
import type { Journal } from '../journal/journal';
import { canonicalJson } from '../journal/canonical';

export type AssetKind = 'host' | 'gpu' | 'robot';

export interface AssetSighting {
  id: string;
  kind: AssetKind;
  label: string;
  /** The identifiers the id was derived from and is checked against on every sighting. */
  identity: Record<string, string | null>;
  /** Descriptive columns refreshed on every sighting (not journaled: they are readings, not identity). */
  attributes?: {
    hostId?: string | null;
    model?: string | null;
    serial?: string | null;
    uuid?: string | null;
    pciBusId?: string | null;
    health?: { status: 'ok' | 'degraded' | 'failing' | 'unknown'; reasons: string[] };
    reading?: Record<string, unknown>;
  };
}

export interface AssetRow {
  id: string;
  kind: AssetKind;
  label: string;
  status: 'present' | 'missing' | 'retired';
  identity: string;
  first_seen: string;
  last_seen: string;
  host_id: string | null;
  model: string | null;
  serial: string | null;
  uuid: string | null;
  pci_bus_id: string | null;
  health_status: 'ok' | 'degraded' | 'failing' | 'unknown';
  health_reasons: string;
  missed_sweeps: number;
  reading: string;
  site: string | null;
  rack: string | null;
  notes: string | null;
  acquisition_cost: bigint | null;
  acquisition_date: string | null;
}

/**
 * Rows come back with safeIntegers so acquisition_cost (money) is a bigint, never a float;
 * the one counter among the INTEGER columns is turned back into a number.
 */
export function toAssetRow(raw: unknown): AssetRow {
  const row = raw as AssetRow;
  return { ...row, missed_sweeps: Number(row.missed_sweeps) };
}

export function readAssetRow(db: Db, id: string): AssetRow | undefined {
  const raw = db.prepare('SELECT * FROM assets WHERE id = ?').safeIntegers(true).get(id);
  return raw === undefined ? undefined : toAssetRow(raw);
}

export function readAssetRows(db: Db, kind?: AssetKind): AssetRow[] {
  const order = 'ORDER BY kind, host_id, pci_bus_id, id';
  const statement = kind ? db.prepare(`SELECT * FROM assets WHERE kind = ? ${order}`) : db.prepare(`SELECT * FROM assets ${order}`);
  return (kind ? statement.safeIntegers(true).all(kind) : statement.safeIntegers(true).all()).map(toAssetRow);
}

/**
 * The register of assets. Every change that matters to a lender (a new asset, a changed
 * identity, an asset coming back) goes through the journal in the same transaction.
 */
export class AssetRegister {
  /** Prepared once: a fleet sweep sights 10,000 GPUs, and compiling each statement per sighting cost more than running it. */
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: Db, private readonly journal: Journal) {}

  private statement(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  get(id: string): AssetRow | undefined {
    const raw = this.statement('SELECT * FROM assets WHERE id = ?').safeIntegers(true).get(id);
    return raw === undefined ? undefined : toAssetRow(raw);
  }

  /** Records that an asset was seen now; returns what changed for the register. */
  recordSighting(sighting: AssetSighting, at: Date): 'discovered' | 'identity-changed' | 'returned' | 'seen' {
    return this.db.transaction(() => {
      const now = at.toISOString();
      const identity = canonicalJson(sighting.identity);
      const existing = this.get(sighting.id);
      if (!existing) {
        this.statement('INSERT INTO assets (id, kind, label, status, identity, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?)').run(sighting.id, sighting.kind, sighting.label, 'present', identity, now, now);
        this.journal.append({ kind: 'asset.discovered', entity: sighting.id, payload: { kind: sighting.kind, label: sighting.label, identity: sighting.identity }, at });
        this.writeAttributes(sighting);
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
      // identity_hash is a cache of the identity's hash for the attestation leaves: cleared when the identity changes.
      this.statement("UPDATE assets SET label = ?, identity_hash = CASE WHEN identity = ? THEN identity_hash ELSE NULL END, identity = ?, last_seen = ?, missed_sweeps = 0, status = CASE status WHEN 'retired' THEN 'retired' ELSE 'present' END WHERE id = ?")
        .run(sighting.label, identity, identity, now, sighting.id);
      this.writeAttributes(sighting);
      return change;
    })();
  }

  private writeAttributes({ id, attributes }: AssetSighting): void {
    if (!attributes) return;
    this.statement('UPDATE assets SET host_id = coalesce(@hostId, host_id), model = @model, serial = @serial, uuid = @uuid, pci_bus_id = @pciBusId, health_status = @healthStatus, health_reasons = @healthReasons, reading = @reading WHERE id = @id')
      .run({
        id,
        hostId: attributes.hostId ?? null,
        model: attributes.model ?? null,
        serial: attributes.serial ?? null,
        uuid: attributes.uuid ?? null,
        pciBusId: attributes.pciBusId ?? null,
        healthStatus: attributes.health?.status ?? 'unknown',
        healthReasons: JSON.stringify(attributes.health?.reasons ?? []),
        reading: JSON.stringify(attributes.reading ?? {}),
      });
  }

  /**
   * Counts a sweep in which these present assets were not seen; at `threshold` consecutive
   * misses an asset becomes missing (journaled). Returns the ids that just went missing.
   */
  recordMisses(ids: string[], threshold: number, at: Date): string[] {
    return this.db.transaction(() => {
      const wentMissing: string[] = [];
      for (const id of ids) {
        const row = this.get(id);
        if (!row || row.status !== 'present') continue;
        const missed = row.missed_sweeps + 1;
        this.statement('UPDATE assets SET missed_sweeps = ? WHERE id = ?').run(missed, id);
        if (missed >= threshold) {
          this.statement("UPDATE assets SET status = 'missing', health_status = 'unknown', health_reasons = '[\"missing\"]' WHERE id = ?").run(id);
          this.journal.append({ kind: 'asset.missing', entity: id, payload: { lastSeen: row.last_seen, missedSweeps: missed }, at });
          wentMissing.push(id);
        }
      }
      return wentMissing;
    })();
  }
}
