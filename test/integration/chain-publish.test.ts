import { describe, expect, it } from 'vitest';
import { ChainPublisher } from '../../electron/core/chain/publisher';
import { silentLogger } from '../../electron/core/log/logger';
import { expectAttestedExactlyOnce, expectTimestampedExactlyOnce } from '../support/chain-checks';
import { addSignedReports, openDataDirDb, operatorSigner } from '../support/chain-reports';
import { ANVIL, useDevChains } from '../support/dev-chain';
import { useTempDirs } from '../support/temp-dir';
import { until } from '../support/until';

const tempDir = useTempDirs();
const devChain = useDevChains();

// The main test: 100 signed reports published from the outbox to a real EVM (anvil) with
// the official EAS contracts, then read back with the official eas-sdk.
describe.skipIf(!ANVIL)('publishing reports on chain (anvil + official EAS contracts)', () => {
  it('attest mode: 100 reports, each attested once, in order, refUID chained, data as signed', async () => {
    const chain = await devChain();
    const db = openDataDirDb(tempDir());
    const wallet = await chain.fundedWallet();
    await addSignedReports(db, wallet, 100);
    const network = chain.network({ mode: 'attest', confirmations: 1 });
    const publisher = new ChainPublisher({ db, network, logger: silentLogger, signer: () => operatorSigner(wallet) });
    const confirmed = () => db.prepare("SELECT count(*) FROM chain_publications WHERE state = 'confirmed'").pluck().get() as number;
    const started = Date.now();
    publisher.start();
    await until('100 confirmed', async () => confirmed() === 100, 120_000);
    await publisher.stop();
    console.warn(`attest: 100 reports published in ${Date.now() - started} ms`);
    await expectAttestedExactlyOnce(chain.url, network.easAddress, db, network.name, wallet.address);
    expect(db.prepare("SELECT count(*) FROM report_outbox WHERE status = 'published'").pluck().get()).toBe(100);
    expect(publisher.status().counters).toMatchObject({ sent: 100, confirmed: 100, replaced: 0, reorgs: 0 });
    db.close();
  }, 180_000);

  it('timestamp mode: 100 offchain UIDs timestamped once each, in order', async () => {
    const chain = await devChain();
    const db = openDataDirDb(tempDir());
    const wallet = await chain.fundedWallet();
    await addSignedReports(db, wallet, 100);
    const network = chain.network({ mode: 'timestamp', confirmations: 1 });
    const publisher = new ChainPublisher({ db, network, logger: silentLogger, signer: () => operatorSigner(wallet) });
    publisher.start();
    await until('100 confirmed', async () => (db.prepare("SELECT count(*) FROM chain_publications WHERE state = 'confirmed'").pluck().get() as number) === 100, 120_000);
    await publisher.stop();
    await expectTimestampedExactlyOnce(chain.url, network.easAddress, db, network.name);
    db.close();
  }, 180_000);
});
