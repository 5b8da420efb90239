import { Wallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import { buildSignedReports } from '../../../test/support/audit-fixture';
import { useTempDirs } from '../../../test/support/temp-dir';
import { exportAuditBundle } from './bundle-export';
import { verifyBundle } from './bundle-verify';
import { readTarIndex } from './tar';

const tempDir = useTempDirs();

describe('audit bundle export and verify', () => {
  it('exports a period of signed reports that verifies against the operator, and fails against anyone else', async () => {
    const fixture = await buildSignedReports(tempDir(), { reports: 30, journalEvery: 7 });
    const exported = await exportAuditBundle(fixture.db, { from: new Date(fixture.t0), to: new Date(fixture.t0 + 30 * fixture.epochMs) });
    expect(exported.reports).toBe(30);
    expect(readTarIndex(exported.bytes).map((entry) => entry.name).slice(0, 3)).toEqual(['manifest.json', 'journal.json', 'reports/00000001.json']);
    const result = await verifyBundle(exported.bytes, { signer: fixture.wallet.address });
    if (!result.ok) throw new Error(JSON.stringify(result.failure));
    expect(result.summary.reports).toMatchObject({ count: 30, firstSeq: 1, lastSeq: 30 });
    expect(result.summary.assets.count).toBe(8);
    expect(result.summary.leaves).toBe(240);
    const foreign = await verifyBundle(exported.bytes, { signer: Wallet.createRandom().address });
    expect(foreign.ok).toBe(false);
    if (!foreign.ok) expect(foreign.failure).toMatchObject({ report: 1, field: 'attestation.sig.signature' });
  }, 60_000);
});
