import type { Db } from '../../db/open';
import { encodeHealthFlags, type HealthFlag, HEALTH_FLAG_BITS } from '../report/health-flags';

/** What the node needs to know of a registered asset to sample it and to write its leaf. */
export interface RegisteredAsset {
  no: number;
  id: string;
  kind: 'host' | 'gpu' | 'robot';
  hostId: string | null;
  retired: boolean;
  /** 1 when the register calls it ok or degraded (present and neither failing nor unknown). */
  healthy: 0 | 1;
  /** HEALTH_FLAG_BITS of the register's health reasons. */
  flags: number;
  /** Cached keccak256 of the canonical identity; null until the first epoch computes it. */
  identityHash: string | null;
  /** Unix ms of the first sighting. */
  firstSeen: number;
}

type AssetRow = [number, string, RegisteredAsset['kind'], string | null, string, string, string, string | null, string];

const SELECT = 'SELECT n.no, a.id, a.kind, a.host_id, a.status, a.health_status, a.health_reasons, a.identity_hash, a.first_seen FROM assets a JOIN asset_numbers n ON n.asset_id = a.id';
/** Past this many changed assets a full reload is cheaper than one lookup each. */
const FULL_RELOAD_AFTER = 5_000;
/** Change-log entries kept for views that fell behind (older ones force a full reload). */
const CHANGES_KEPT = 50_000;

/**
 * The asset register in memory, shared by the sampler and the epoch closer of one database. It
 * follows the register through the change log that triggers fill (migration 005): a tick or
 * an epoch close of 100,000 GPUs reads one row when nothing changed, and the changed assets
 * only when something did, instead of the whole register each time.
 */
export class RegisterSnapshot {
  private version = -1;
  private readonly entries = new Map<string, RegisteredAsset>();
  private readonly flagsOf = new Map<string, number>(); // almost every asset shares a handful of reason lists
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      latest: db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'register_changes'").pluck(),
      changes: db.prepare('SELECT version, asset_id FROM register_changes WHERE version > ? ORDER BY version').raw(),
      all: db.prepare(`${SELECT} ORDER BY a.id`).raw(),
      one: db.prepare(`${SELECT} WHERE a.id = ?`).raw(),
    };
  }

  /** The current view (asset id → asset); the same Map object, updated in place. */
  current(): ReadonlyMap<string, RegisteredAsset> {
    const latest = (this.statements.latest.get() as number | undefined) ?? 0;
    if (latest === this.version) return this.entries;
    const changes = this.version < 0 ? [] : (this.statements.changes.all(this.version) as [number, string][]);
    const contiguous = changes.length > 0 && changes[0]![0] === this.version + 1;
    if (this.version < 0 || !contiguous || changes.length > FULL_RELOAD_AFTER) this.reloadAll();
    else for (const [, id] of changes) this.reload(id);
    this.version = latest;
    return this.entries;
  }

  private reloadAll(): void {
    this.entries.clear();
    for (const row of this.statements.all.iterate() as IterableIterator<AssetRow>) this.entries.set(row[1], this.toAsset(row));
  }

  private reload(id: string): void {
    const row = this.statements.one.get(id) as AssetRow | undefined;
    if (row) this.entries.set(id, this.toAsset(row));
    else this.entries.delete(id);
  }

  private toAsset([no, id, kind, hostId, status, health, reasonsJson, identityHash, firstSeen]: AssetRow): RegisteredAsset {
    let flags = this.flagsOf.get(reasonsJson);
    if (flags === undefined) {
      const reasons = JSON.parse(reasonsJson) as string[];
      flags = encodeHealthFlags(reasons.filter((reason): reason is HealthFlag => reason in HEALTH_FLAG_BITS));
      this.flagsOf.set(reasonsJson, flags);
    }
    return { no, id, kind, hostId, retired: status === 'retired', healthy: health === 'ok' || health === 'degraded' ? 1 : 0, flags, identityHash, firstSeen: Date.parse(firstSeen) };
  }
}

const snapshots = new WeakMap<Db, RegisterSnapshot>();

/** The one register view of a database connection (the sampler and the closer share it). */
export function registerSnapshotOf(db: Db): RegisterSnapshot {
  let snapshot = snapshots.get(db);
  if (!snapshot) snapshots.set(db, (snapshot = new RegisterSnapshot(db)));
  return snapshot;
}

/** Drops change-log entries no view needs any more (called by the hourly roll-up). */
export function pruneRegisterChanges(db: Db): void {
  db.prepare('DELETE FROM register_changes WHERE version <= (SELECT max(version) FROM register_changes) - ?').run(CHANGES_KEPT);
}
