import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS, type Migration } from './migrations';

export type Db = Database.Database;

export interface OpenDbOptions {
  /** Path of a better_sqlite3.node built for another ABI (the Electron app passes its own). */
  nativeBinding?: string | undefined;
  readonly?: boolean;
  migrations?: readonly Migration[];
}

export class SchemaTooNewError extends Error {
  override name = 'SchemaTooNewError';
}

/** Opens the database with the settings every Sietch process relies on, then migrates it. */
export function openDatabase(file: string, options: OpenDbOptions = {}): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { nativeBinding: options.nativeBinding, readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  db.pragma('foreign_keys = ON');
  // SQLite has no bitwise-OR aggregate; health flag bitmasks are folded with this one.
  db.aggregate('bit_or', { start: 0, step: (bits: number, value: number | bigint | null) => (bits | Number(value ?? 0)) >>> 0 });
  db.pragma('busy_timeout = 5000');
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    // NORMAL is durable in WAL mode across process crashes (kill -9); only power loss can drop the last commit.
    db.pragma('synchronous = NORMAL');
    migrate(db, options.migrations ?? MIGRATIONS);
  }
  return db;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies pending migrations, each in its own transaction: a failing one leaves the previous version intact. */
export function migrate(db: Db, migrations: readonly Migration[]): { from: number; to: number } {
  const from = schemaVersion(db);
  const latest = migrations.at(-1)?.version ?? 0;
  if (from > latest) throw new SchemaTooNewError(`this database is at schema version ${from}, newer than this Sietch knows (${latest}): upgrade Sietch before opening it`);
  for (const migration of migrations) {
    if (migration.version <= from) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return { from, to: schemaVersion(db) };
}
