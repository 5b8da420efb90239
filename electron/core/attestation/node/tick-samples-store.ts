import type { Db } from '../../db/open';

/**
 * A tick's samples, stored as one row of fixed 15-byte big-endian records (migration 005):
 * asset no (u32) | healthy (u8) | health flags (u32) | utilization bps (u16) | power mW (u32).
 * One row per tick instead of one per sample: a tick of 100,000 GPUs is one 1.5 MB insert
 * instead of 100,000 B-tree inserts, takes ~15 bytes a sample instead of ~70, and an epoch
 * reads back as a handful of blobs instead of hundreds of thousands of rows.
 */
export const TICK_SAMPLE_BYTES = 15;
export const NO_UTILIZATION = 0xffff;
export const NO_POWER = 0xffffffff;

/** The samples of one tick, column by column (what the writer fills and the reader returns). */
export interface TickSampleColumns {
  count: number;
  assetNo: Uint32Array;
  healthy: Uint8Array;
  flags: Uint32Array;
  /** bps; NO_UTILIZATION when not read */
  utilization: Uint16Array;
  /** mW; NO_POWER when not read */
  power: Uint32Array;
}

export function allocateTickColumns(capacity: number): TickSampleColumns {
  return { count: 0, assetNo: new Uint32Array(capacity), healthy: new Uint8Array(capacity), flags: new Uint32Array(capacity), utilization: new Uint16Array(capacity), power: new Uint32Array(capacity) };
}

function encodeRecords(columns: TickSampleColumns): Buffer {
  const bytes = Buffer.allocUnsafe(columns.count * TICK_SAMPLE_BYTES);
  for (let i = 0, offset = 0; i < columns.count; i += 1, offset += TICK_SAMPLE_BYTES) {
    bytes.writeUInt32BE(columns.assetNo[i]!, offset);
    bytes[offset + 4] = columns.healthy[i]!;
    bytes.writeUInt32BE(columns.flags[i]!, offset + 5);
    bytes.writeUInt16BE(columns.utilization[i]!, offset + 9);
    bytes.writeUInt32BE(columns.power[i]!, offset + 11);
  }
  return bytes;
}

function decodeRecords(records: Buffer, count: number): TickSampleColumns {
  if (records.length !== count * TICK_SAMPLE_BYTES) throw new Error(`tick samples: ${records.length} bytes for ${count} records`);
  const columns = allocateTickColumns(count);
  columns.count = count;
  for (let i = 0, offset = 0; i < count; i += 1, offset += TICK_SAMPLE_BYTES) {
    columns.assetNo[i] = records.readUInt32BE(offset);
    columns.healthy[i] = records[offset + 4]!;
    columns.flags[i] = records.readUInt32BE(offset + 5);
    columns.utilization[i] = records.readUInt16BE(offset + 9);
    columns.power[i] = records.readUInt32BE(offset + 11);
  }
  return columns;
}

/** Stores a tick's samples (inside the tick's transaction). A tick already stored is left as is. */
export function writeTickSamples(db: Db, at: number, columns: TickSampleColumns): void {
  if (columns.count === 0) return;
  db.prepare('INSERT OR IGNORE INTO tick_samples (at, count, records) VALUES (?, ?, ?)').run(at, columns.count, encodeRecords(columns));
}

/** The stored ticks with `from <= at < to`, in time order. */
export function* readTickSamples(db: Db, from: number, to: number): Generator<{ at: number; samples: TickSampleColumns }> {
  const rows = db.prepare('SELECT at, count, records FROM tick_samples WHERE at >= ? AND at < ? ORDER BY at').raw().iterate(from, to) as IterableIterator<[number, number, Buffer]>;
  for (const [at, count, records] of rows) yield { at, samples: decodeRecords(records, count) };
}

/** Samples stored in all kept ticks. */
export function countStoredSamples(db: Db): number {
  return (db.prepare('SELECT coalesce(sum(count), 0) FROM tick_samples').pluck().get() as number) ?? 0;
}

/** Drops the raw samples of ticks before `cutoff` (the roll-up has folded them). */
export function deleteTickSamplesBefore(db: Db, cutoff: number): void {
  db.prepare('DELETE FROM tick_samples WHERE at < ?').run(cutoff);
}
