import { join } from 'node:path';
import type { Wallet } from 'ethers';
import { signPendingReports } from '../../electron/core/attestation/node/report-signer';
import { networkProfile } from '../../electron/core/attestation/report/network-profiles';
import { typedDataReportSigner } from '../../electron/core/attestation/report/offchain-attestation';
import { signedReportFromJson } from '../../electron/core/attestation/report/signed-report-json';
import { lockableSigner } from '../../electron/core/keystore/operator-signer';
import { openDatabase, type Db } from '../../electron/core/db/open';
import { seededRandom } from './seeded-random';

const HOUR = 3_600_000;
const BASE = Date.UTC(2027, 0, 1);

/** The real database of a data directory (migrations applied). */
export function openDataDirDb(dataDir: string): Db {
  return openDatabase(join(dataDir, 'sietch.db'));
}

/**
 * Closes `count` more hourly epochs (as the node's closer writes them: epochs + an 'unsigned'
 * outbox row) and signs them in order with the node's own signer — real signed reports, chained
 * by hash and offchain UID, without running the sampler for hours.
 */
export async function addSignedReports(db: Db, wallet: Wallet, count: number, seed = 9): Promise<number[]> {
  const random = seededRandom(seed);
  const last = (db.prepare('SELECT max(seq) FROM epochs').pluck().get() as number | null) ?? 0;
  const hex32 = () => `0x${Array.from({ length: 32 }, () => Math.floor(random() * 256).toString(16).padStart(2, '0')).join('')}`;
  db.transaction(() => {
    for (let seq = last + 1; seq <= last + count; seq += 1) {
      const start = BASE + (seq - 1) * HOUR;
      db.prepare('INSERT INTO epochs (seq, start_at, end_at, closed_at, observed_bps, asset_count, merkle_root, journal_head, revenue, repaid, outstanding, coverage_bps) VALUES (?, ?, ?, ?, 10000, 8, ?, ?, ?, 0, ?, 15000)').run(
        seq,
        start,
        start + HOUR,
        new Date(start + HOUR).toISOString(),
        hex32(),
        hex32(),
        Math.floor(random() * 1e9),
        96_000_000_000,
      );
      db.prepare("INSERT INTO report_outbox (seq, status) VALUES (?, 'unsigned')").run(seq);
    }
  })();
  return signPendingReports(db, typedDataReportSigner(wallet), networkProfile('local-devnet'));
}

/** The operator key as the node holds it once unlocked (signs reports and contract calls only). */
export function operatorSigner(wallet: Wallet) {
  return lockableSigner(wallet).signer;
}

export interface LocalReport {
  seq: number;
  data: string;
  offchainUid: string;
}

export function localReports(db: Db): LocalReport[] {
  return (db.prepare('SELECT seq, attestation FROM report_outbox WHERE attestation IS NOT NULL ORDER BY seq').all() as { seq: number; attestation: string }[]).map((row) => {
    const pkg = signedReportFromJson(row.attestation);
    return { seq: row.seq, data: pkg.sig.message.data, offchainUid: pkg.sig.uid.toLowerCase() };
  });
}
