import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../test/support/temp-dir';
import { openDatabase } from '../db/open';
import { Journal } from '../journal/journal';
import { AssetRegister } from './asset-register';

const tempDir = useTempDirs();

describe('asset register', () => {
  it('journals discovery, identity changes and returns, and nothing for a routine sighting', () => {
    const db = openDatabase(join(tempDir(), 'sietch.db'));
    const journal = new Journal(db);
    const register = new AssetRegister(db, journal);
    const host = { id: 'host:abc', kind: 'host' as const, label: 'node-7', identity: { systemUuid: 'abc', baseboardSerial: 'B1' } };
    expect(register.recordSighting(host, new Date('2026-11-24T00:00:00Z'))).toBe('discovered');
    expect(register.recordSighting(host, new Date('2026-11-24T01:00:00Z'))).toBe('seen');
    expect(register.recordSighting({ ...host, identity: { systemUuid: 'abc', baseboardSerial: 'B2' } }, new Date('2026-11-24T02:00:00Z'))).toBe('identity-changed');
    db.prepare("UPDATE assets SET status = 'missing' WHERE id = 'host:abc'").run();
    expect(register.recordSighting({ ...host, identity: { systemUuid: 'abc', baseboardSerial: 'B2' } }, new Date('2026-11-24T03:00:00Z'))).toBe('returned');
    expect(journal.list(0, 10).map((e) => e.kind)).toEqual(['asset.discovered', 'asset.identity-changed', 'asset.returned']);
    expect(journal.list(0, 10)[1]!.payload).toEqual({ before: { baseboardSerial: 'B1', systemUuid: 'abc' }, after: { baseboardSerial: 'B2', systemUuid: 'abc' } });
    expect(register.get('host:abc')).toMatchObject({ status: 'present', first_seen: '2026-11-24T00:00:00.000Z', last_seen: '2026-11-24T03:00:00.000Z' });
    expect(journal.verify().ok).toBe(true);
  });
});
