import type { Db } from '../../db/open';
import { writeBytes32Hex, ZERO_BYTES32 } from '../report/hex';
import { ASSET_KIND_CODES, type AssetLeafInput, type LeafAssetKind } from '../report/leaf-format';

/** One stored leaf: the leaf input as aggregated, and its OZ-standard leaf hash (0x…). */
export interface StoredLeaf {
  leaf: AssetLeafInput;
  leafHash: string;
}

/**
 * An epoch's leaves are one row (migration 005): the asset ids as a JSON array and one fixed
 * 151-byte big-endian record per asset, in the same order —
 *   0 kind u8 | 1 observedBps u16 | 3 uptimeBps u16 | 5 meanUtilBps u16 | 7 p95UtilBps u16 |
 *   9 energyWh u64 | 17 healthFlags u32 | 21 identityOk u8 | 22 hwAttested u8 |
 *   23 identityHash | 55 evidenceHash | 87 revenue u256 | 119 leaf hash (32 bytes each).
 * One row instead of 100,000 keeps the close's write a few milliseconds. Everything that reads
 * or writes leaves (the closer, the report view, audit exports and proofs) goes through here.
 */
const RECORD_BYTES = 151;
const KIND_OF_CODE = new Map<number, LeafAssetKind>(Object.entries(ASSET_KIND_CODES).map(([kind, code]) => [code, kind as LeafAssetKind]));
const MAX_UINT256 = (1n << 256n) - 1n;

const readHex32 = (source: Buffer, offset: number): string => `0x${source.toString('hex', offset, offset + 32)}`;

function encodeRecords(leaves: readonly AssetLeafInput[], leafHashes: Uint8Array): Buffer {
  const records = Buffer.alloc(leaves.length * RECORD_BYTES);
  leaves.forEach((leaf, index) => {
    const at = index * RECORD_BYTES;
    if (leaf.revenue < 0n || leaf.revenue > MAX_UINT256) throw new RangeError(`revenue of ${leaf.assetId} is not a uint256`);
    records[at] = ASSET_KIND_CODES[leaf.kind];
    records.writeUInt16BE(leaf.observedBps, at + 1);
    records.writeUInt16BE(leaf.uptimeBps, at + 3);
    records.writeUInt16BE(leaf.meanUtilBps, at + 5);
    records.writeUInt16BE(leaf.p95UtilBps, at + 7);
    records.writeBigUInt64BE(leaf.energyWh, at + 9);
    records.writeUInt32BE(leaf.healthFlags >>> 0, at + 17);
    records[at + 21] = leaf.identityOk ? 1 : 0;
    records[at + 22] = leaf.hwAttested ? 1 : 0;
    writeBytes32Hex(leaf.identityHash, 'identityHash', records, at + 23);
    if (leaf.evidenceHash !== undefined && leaf.evidenceHash !== ZERO_BYTES32) writeBytes32Hex(leaf.evidenceHash, 'evidenceHash', records, at + 55);
    if (leaf.revenue !== 0n) records.write(leaf.revenue.toString(16).padStart(64, '0'), at + 87, 32, 'hex');
    records.set(leafHashes.subarray(index * 32, index * 32 + 32), at + 119);
  });
  return records;
}

function decodeRecord(records: Buffer, index: number, assetId: string, seq: number): StoredLeaf {
  const at = index * RECORD_BYTES;
  const kind = KIND_OF_CODE.get(records[at]!);
  if (!kind) throw new Error(`epoch ${seq}, leaf ${index}: unknown kind code ${records[at]}`);
  const revenueHex = records.toString('hex', at + 87, at + 119);
  return {
    leaf: {
      assetId,
      kind,
      epoch: BigInt(seq),
      observedBps: records.readUInt16BE(at + 1),
      uptimeBps: records.readUInt16BE(at + 3),
      meanUtilBps: records.readUInt16BE(at + 5),
      p95UtilBps: records.readUInt16BE(at + 7),
      energyWh: records.readBigUInt64BE(at + 9),
      healthFlags: records.readUInt32BE(at + 17),
      identityOk: records[at + 21] === 1,
      hwAttested: records[at + 22] === 1,
      identityHash: readHex32(records, at + 23),
      evidenceHash: readHex32(records, at + 55),
      revenue: /^0+$/.test(revenueHex) ? 0n : BigInt(`0x${revenueHex}`),
    },
    leafHash: readHex32(records, at + 119),
  };
}

/**
 * Stores an epoch's leaves with their leaf hashes (32 bytes each, same order), inside the
 * transaction that closes the epoch. Rows are kept sorted by asset id. An epoch without assets
 * stores nothing.
 */
export function writeEpochLeaves(db: Db, seq: number, leaves: readonly AssetLeafInput[], leafHashes: Uint8Array): void {
  if (leaves.length === 0) return;
  if (leafHashes.length !== leaves.length * 32) throw new RangeError(`${leaves.length} leaves but ${leafHashes.length / 32} leaf hashes`);
  let sorted = true;
  for (let i = 1; sorted && i < leaves.length; i += 1) sorted = leaves[i - 1]!.assetId < leaves[i]!.assetId;
  if (sorted) return insertLeafSet(db, seq, leaves, leafHashes);
  const order = leaves.map((_, index) => index).sort((a, b) => (leaves[a]!.assetId < leaves[b]!.assetId ? -1 : 1));
  const sortedHashes = new Uint8Array(leafHashes.length);
  order.forEach((from, to) => sortedHashes.set(leafHashes.subarray(from * 32, from * 32 + 32), to * 32));
  insertLeafSet(db, seq, order.map((index) => leaves[index]!), sortedHashes);
}

function insertLeafSet(db: Db, seq: number, leaves: readonly AssetLeafInput[], leafHashes: Uint8Array): void {
  db.prepare('INSERT INTO epoch_leaf_sets (seq, count, asset_ids, records) VALUES (?, ?, ?, ?)').run(seq, leaves.length, JSON.stringify(leaves.map((leaf) => leaf.assetId)), encodeRecords(leaves, leafHashes));
}

function readSet(db: Db, seq: number): { assetIds: string[]; records: Buffer } | null {
  const row = db.prepare('SELECT count, asset_ids, records FROM epoch_leaf_sets WHERE seq = ?').raw().get(seq) as [number, string, Buffer] | undefined;
  if (!row) return null;
  const [count, idsJson, records] = row;
  const assetIds = JSON.parse(idsJson) as string[];
  if (assetIds.length !== count || records.length !== count * RECORD_BYTES) throw new Error(`epoch ${seq}: stored leaves are damaged (${count} leaves, ${assetIds.length} ids, ${records.length} bytes)`);
  return { assetIds, records };
}

/** The leaves of one closed epoch, ordered by asset id; empty for an epoch without assets (or not closed). */
export function readEpochLeaves(db: Db, seq: number): StoredLeaf[] {
  const set = readSet(db, seq);
  return set ? set.assetIds.map((assetId, index) => decodeRecord(set.records, index, assetId, seq)) : [];
}

/** One asset's leaf in a closed epoch, or null. */
export function readEpochLeaf(db: Db, seq: number, assetId: string): StoredLeaf | null {
  const set = readSet(db, seq);
  const index = set?.assetIds.indexOf(assetId) ?? -1;
  return set && index >= 0 ? decodeRecord(set.records, index, assetId, seq) : null;
}

/** How many leaves each closed epoch stored, by sequence (epochs without assets are absent). */
export function countEpochLeaves(db: Db): Map<number, number> {
  return new Map(db.prepare('SELECT seq, count FROM epoch_leaf_sets').raw().all() as [number, number][]);
}
