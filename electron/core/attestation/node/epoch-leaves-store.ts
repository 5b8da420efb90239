import type { Db } from '../../db/open';
import type { AssetLeafInput } from '../report/leaf-format';

/** One stored leaf: the leaf input as aggregated, and its OZ-standard leaf hash (0x…). */
export interface StoredLeaf {
  leaf: AssetLeafInput;
  leafHash: string;
}

/** The leaf input as stored with the epoch (bigints as decimal strings); no replacer: 100,000 of these per epoch. */
function leafJson(leaf: AssetLeafInput): string {
  return JSON.stringify({ ...leaf, epoch: leaf.epoch.toString(), energyWh: leaf.energyWh.toString(), revenue: leaf.revenue.toString() });
}

function leafFromJson(text: string): AssetLeafInput {
  const value = JSON.parse(text) as Record<string, unknown>;
  return {
    assetId: String(value.assetId),
    kind: value.kind as AssetLeafInput['kind'],
    epoch: BigInt(String(value.epoch)),
    observedBps: Number(value.observedBps),
    uptimeBps: Number(value.uptimeBps),
    meanUtilBps: Number(value.meanUtilBps),
    p95UtilBps: Number(value.p95UtilBps),
    energyWh: BigInt(String(value.energyWh)),
    healthFlags: Number(value.healthFlags),
    identityOk: Boolean(value.identityOk),
    identityHash: String(value.identityHash),
    revenue: BigInt(String(value.revenue)),
    hwAttested: Boolean(value.hwAttested),
    evidenceHash: String(value.evidenceHash),
  };
}

/**
 * Where an epoch's leaves live. Everything that reads or writes them (the closer, the report
 * view, audit exports and proofs) goes through here, so the storage can change in one place.
 * Call inside the transaction that closes the epoch.
 */
export function writeEpochLeaves(db: Db, seq: number, leaves: readonly AssetLeafInput[], leafHash: (index: number) => string): void {
  const insertLeaf = db.prepare('INSERT INTO epoch_leaves (seq, asset_id, leaf, leaf_hash) VALUES (?, ?, ?, ?)');
  leaves.forEach((leaf, index) => insertLeaf.run(seq, leaf.assetId, leafJson(leaf), leafHash(index)));
}

/** The leaves of one closed epoch, ordered by asset id; empty for an epoch without assets (or not closed). */
export function readEpochLeaves(db: Db, seq: number): StoredLeaf[] {
  const rows = db.prepare('SELECT leaf, leaf_hash FROM epoch_leaves WHERE seq = ? ORDER BY asset_id').raw().all(seq) as [string, string][];
  return rows.map(([leaf, leafHash]) => ({ leaf: leafFromJson(leaf), leafHash }));
}

/** One asset's leaf in a closed epoch, or null. */
export function readEpochLeaf(db: Db, seq: number, assetId: string): StoredLeaf | null {
  const row = db.prepare('SELECT leaf, leaf_hash FROM epoch_leaves WHERE seq = ? AND asset_id = ?').raw().get(seq, assetId) as [string, string] | undefined;
  return row ? { leaf: leafFromJson(row[0]), leafHash: row[1] } : null;
}

/** How many leaves each closed epoch stored, by sequence. */
export function countEpochLeaves(db: Db): Map<number, number> {
  const rows = db.prepare('SELECT seq, count(*) FROM epoch_leaves GROUP BY seq').raw().all() as [number, number][];
  return new Map(rows);
}
