import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../test/support/temp-dir';
import { MIGRATIONS, parseMigrations } from './migrations';
import { migrate, openDatabase, SchemaTooNewError, schemaVersion } from './open';

const tempDir = useTempDirs();

describe('migrations', () => {
  it('are numbered 1..n without gaps and named NNN_name.sql', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(() => parseMigrations({ './migrations/001_a.sql': '', './migrations/003_c.sql': '' })).toThrow(/without gaps/);
    expect(() => parseMigrations({ './migrations/first.sql': '' })).toThrow(/001_name/);
  });

  it('bring a new database file to the latest version, in WAL mode with foreign keys on', () => {
    const file = join(tempDir(), 'sietch.db');
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(MIGRATIONS.at(-1)!.version);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['assets', 'host_inventory', 'journal']));
    db.close();
    // Re-opening applies nothing twice.
    const again = openDatabase(file);
    expect(migrate(again, MIGRATIONS)).toEqual({ from: MIGRATIONS.length, to: MIGRATIONS.length });
    again.close();
  });

  it('roll a failing migration back whole, keeping the previous version', () => {
    const file = join(tempDir(), 'sietch.db');
    const db = new Database(file);
    const broken = [
      { version: 1, name: 'one', sql: 'CREATE TABLE one (x INTEGER);' },
      { version: 2, name: 'two', sql: 'CREATE TABLE two (y INTEGER); INSERT INTO missing_table VALUES (1);' },
    ];
    expect(() => migrate(db, broken)).toThrow(/missing_table/);
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'two'").pluck().get()).toBe(0);
    db.close();
  });

  it('refuse a database written by a newer Sietch', () => {
    const file = join(tempDir(), 'sietch.db');
    const db = new Database(file);
    db.pragma('user_version = 999');
    db.close();
    expect(() => openDatabase(file)).toThrow(SchemaTooNewError);
  });
});
