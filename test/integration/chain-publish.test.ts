import { describe, expect, it } from 'vitest';
import { parseEther } from 'ethers';
import { ChainService } from '../../electron/core/chain/chain-service';
import { chainConfigSchema } from '../../electron/core/chain/chain-config';
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

  it('the chain service: status with balance, cost and a warning once the balance will not pay for a day of reports; explorer links', async () => {
    const chain = await devChain();
    const dataDir = tempDir();
    const db = openDataDirDb(dataDir);
    const wallet = await chain.fundedWallet();
    await addSignedReports(db, wallet, 3);
    const demo = { rpcUrl: chain.url, chainId: 31337, easAddress: chain.contracts.easAddress, schemaRegistryAddress: chain.contracts.schemaRegistryAddress, confirmations: 1, pollSeconds: 0.05, explorerTxUrl: 'https://explorer.example/tx/{tx}', explorerAttestationUrl: 'https://easscan.example/attestation/view/{uid}' };
    const config = chainConfigSchema.parse({ network: 'demo', networks: { demo } });
    const service = new ChainService({ db, dataDir, config, logger: silentLogger, signer: () => operatorSigner(wallet), epochSeconds: () => 3600, onChange: () => undefined });
    service.start();
    await until('3 confirmed', async () => service.status().counts.confirmed === 3);
    const status = service.status();
    expect(status).toMatchObject({ configured: true, connection: 'ok', reportsPerDay: 24, lowBalance: false, network: { name: 'demo', mode: 'attest', rpcHost: chain.url } });
    const cost = BigInt(status.costPerReportWei!);
    expect(cost).toBeGreaterThan(0n);
    const [newest] = service.list(undefined, 1);
    expect(newest).toMatchObject({ seq: 3, state: 'confirmed', txUrl: `https://explorer.example/tx/${newest!.txHash}`, attestationUrl: `https://easscan.example/attestation/view/${newest!.uid}` });
    await service.stop();
    // Leave the signer less than a day of reports (24 × cost): the warning comes on with the next balance read.
    await chain.rpc.call('anvil_setBalance', [wallet.address, `0x${(cost * 23n).toString(16)}`]);
    const again = new ChainService({ db, dataDir, config, logger: silentLogger, signer: () => operatorSigner(wallet), epochSeconds: () => 3600, onChange: () => undefined });
    again.start();
    await until('the low balance seen', async () => again.status().lowBalance);
    expect(BigInt(again.status().balanceWei!)).toBeLessThan(parseEther('1'));
    await again.stop();
    db.close();
  }, 60_000);
});
