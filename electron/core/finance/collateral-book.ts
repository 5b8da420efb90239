import { readEpochLeaves } from '../attestation/node/epoch-leaves-store';
import type { Db } from '../db/open';
import { formatIsoDate, parseIsoDate, type Day } from '../ledger/civil-date';
import { collateralCondition, type AssetFacts, type CollateralCondition, type LeafFacts } from './collateral-condition';
import { collateralLine, coverageOf, type CollateralLine, type CoverageFigures } from './coverage';
import { depreciatedValue } from './depreciation';
import type { FinanceStore, PledgeRecord, StoredAppraisal } from './finance-store';

const PRESENCE_KINDS = ['asset.discovered', 'asset.missing', 'asset.returned', 'asset.retired', 'asset.identity-changed', 'asset.identity-mismatch'];

/** The end of a calendar day as an instant (ms): what "as of that day" sees. */
export function endOfDayMs(day: Day): number {
  return (day + 1) * 86_400_000;
}

export interface DetailedLine extends CollateralLine {
  pledgedOn: string;
  appraisal: StoredAppraisal | null;
  label: string | null;
  serial: string | null;
}

/**
 * Everything needed to value collateral, read once per request: appraisals, pledges, the
 * register and the presence/identity history of the assets, and the node's leaves by epoch
 * (read through epoch-leaves-store, cached per epoch). Coverage on any day is then computed
 * from memory.
 */
export class CollateralBook {
  readonly pledges: PledgeRecord[];
  private readonly pledgesByAsset = new Map<string, PledgeRecord[]>();
  private readonly pledgesByFacility = new Map<string, PledgeRecord[]>();
  private readonly appraisals = new Map<string, StoredAppraisal[]>();
  private readonly assets = new Map<string, AssetFacts & { label: string; serial: string | null }>();
  private readonly leavesBySeq = new Map<number, Map<string, LeafFacts>>();
  private readonly epochEnds: [number, number][];

  constructor(private readonly db: Db, store: FinanceStore, private readonly graceMs: number) {
    this.pledges = store.pledges();
    for (const pledge of this.pledges) {
      for (const [index, key] of [[this.pledgesByAsset, pledge.assetId], [this.pledgesByFacility, pledge.facilityId]] as const) {
        const list = index.get(key) ?? [];
        list.push(pledge);
        index.set(key, list);
      }
    }
    for (const appraisal of store.appraisals()) {
      const list = this.appraisals.get(appraisal.assetId) ?? [];
      list.push(appraisal);
      this.appraisals.set(appraisal.assetId, list);
    }
    const wanted = new Set(this.pledges.map((pledge) => pledge.assetId));
    const rows = db.prepare('SELECT id, label, serial, status, health_status, last_seen FROM assets').raw().all() as [string, string, string | null, AssetFacts['status'], AssetFacts['healthStatus'], string][];
    for (const [id, label, serial, status, healthStatus, lastSeen] of rows) {
      if (wanted.has(id)) this.assets.set(id, { label, serial, status, healthStatus, lastSeenMs: Date.parse(lastSeen), events: [] });
    }
    const events = db.prepare(`SELECT seq, at, kind, entity FROM journal WHERE kind IN (${PRESENCE_KINDS.map(() => '?').join(', ')}) ORDER BY seq`).raw().all(...PRESENCE_KINDS) as [number, string, string, string][];
    for (const [seq, at, kind, entity] of events) (this.assets.get(entity)?.events as { kind: string; atMs: number; seq: number }[] | undefined)?.push({ kind, atMs: Date.parse(at), seq });
    this.epochEnds = db.prepare('SELECT seq, end_at FROM epochs ORDER BY end_at').raw().all() as [number, number][];
  }

  /** The appraisal in force on `day`: the latest made on or before it. */
  appraisalOn(assetId: string, day: Day): StoredAppraisal | null {
    const list = this.appraisals.get(assetId);
    if (!list) return null;
    let found: StoredAppraisal | null = null;
    for (const appraisal of list) if (parseIsoDate(appraisal.appraisedOn) <= day) found = appraisal;
    return found;
  }

  /** Pledges in force on `day` (pledged on or before it, not released by then). */
  pledgesOn(facilityId: string, day: Day): PledgeRecord[] {
    const text = formatIsoDate(day);
    return (this.pledgesByFacility.get(facilityId) ?? []).filter((pledge) => pledge.pledgedOn <= text && (pledge.releasedOn === null || pledge.releasedOn > text));
  }

  /** The facility an asset is pledged to on `day`, or null. */
  facilityOf(assetId: string, day: string): string | null {
    for (const pledge of this.pledgesByAsset.get(assetId) ?? []) if (pledge.pledgedOn <= day && (pledge.releasedOn === null || pledge.releasedOn > day)) return pledge.facilityId;
    return null;
  }

  private leavesAt(atMs: number): Map<string, LeafFacts> | null {
    let seq: number | null = null;
    for (const [candidate, end] of this.epochEnds) {
      if (end > atMs) break;
      seq = candidate;
    }
    if (seq === null) return null;
    let leaves = this.leavesBySeq.get(seq);
    if (!leaves) {
      leaves = new Map(readEpochLeaves(this.db, seq).map(({ leaf }) => [leaf.assetId, { uptimeBps: leaf.uptimeBps, healthFlags: leaf.healthFlags, identityOk: leaf.identityOk }]));
      this.leavesBySeq.set(seq, leaves);
    }
    return leaves;
  }

  conditionOf(assetId: string, day: Day, appraisal: StoredAppraisal | null): CollateralCondition {
    const asset = this.assets.get(assetId);
    if (!asset) return 'retired';
    const atMs = endOfDayMs(day);
    return collateralCondition(asset, this.leavesAt(atMs)?.get(assetId) ?? null, appraisal?.journalSeq ?? null, atMs, this.graceMs);
  }

  lines(facilityId: string, day: Day): DetailedLine[] {
    return this.pledgesOn(facilityId, day).map((pledge) => {
      const appraisal = this.appraisalOn(pledge.assetId, day);
      const condition = this.conditionOf(pledge.assetId, day, appraisal);
      const value = appraisal ? depreciatedValue(appraisal, day) : 0n;
      const asset = this.assets.get(pledge.assetId);
      return { ...collateralLine(pledge.assetId, condition, value, appraisal?.advanceRatePct ?? null), pledgedOn: pledge.pledgedOn, appraisal, label: asset?.label ?? null, serial: asset?.serial ?? null };
    });
  }

  coverage(facilityId: string, day: Day, outstanding: bigint, minCoverage: string | null): { lines: DetailedLine[]; figures: CoverageFigures } {
    const lines = this.lines(facilityId, day);
    return { lines, figures: coverageOf(lines, outstanding, minCoverage) };
  }

  /** Collateral value of the facility's pledged assets on `day`, whatever their condition (for depreciation). */
  pledgedValue(facilityId: string, day: Day): bigint {
    let total = 0n;
    for (const pledge of this.pledgesOn(facilityId, day)) {
      const appraisal = this.appraisalOn(pledge.assetId, day);
      if (appraisal) total += depreciatedValue(appraisal, day);
    }
    return total;
  }
}

/**
 * Depreciation of the facility's collateral over [start, end): for each asset pledged on the
 * last day, what its appraisal in force then lost between the two days (non-cash).
 */
export function depreciationBetween(book: CollateralBook, facilityId: string, start: Day, end: Day): bigint {
  const last = end - 1;
  let total = 0n;
  for (const pledge of book.pledgesOn(facilityId, last)) {
    const appraisal = book.appraisalOn(pledge.assetId, last);
    if (!appraisal || parseIsoDate(appraisal.appraisedOn) > start) continue;
    total += depreciatedValue(appraisal, start) - depreciatedValue(appraisal, end);
  }
  return total;
}
