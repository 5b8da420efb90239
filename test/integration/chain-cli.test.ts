import type { ChildProcess } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parseEther } from 'ethers';
import { afterEach, describe, expect, it } from 'vitest';
import { REPORT_SCHEMA_UID } from '../../electron/core/attestation/report/eas-schema';
import { openDataDirDb } from '../support/chain-reports';
import { ANVIL, useDevChains } from '../support/dev-chain';
import { useDevnetProcesses } from '../support/devnet-process';
import { apiResult, runSietch, startServe, waitForExit } from '../support/sietch-process';
import { useTempDirs } from '../support/temp-dir';
import { until } from '../support/until';

// The "done when", through the built CLI: `sietch devnet` plus `sietch serve --simulate`
// publishes reports (queued → confirmed), `sietch chain verify` passes (and fails on a tampered
// record), doctor checks the chain; register-schema is idempotent.
const tempDir = useTempDirs();
const devChain = useDevChains();
const startDevnet = useDevnetProcesses();
const servers: ChildProcess[] = [];
afterEach(async () => {
  for (const child of servers.splice(0)) {
    child.kill('SIGTERM');
    await waitForExit(child);
  }
});

function privateFile(dir: string, name: string, content: string): string {
  const file = join(dir, name);
  writeFileSync(file, content, { mode: 0o600 });
  chmodSync(file, 0o600);
  return file;
}

describe.skipIf(!ANVIL)('sietch devnet, serve and chain commands', () => {
  it('devnet + serve --simulate: reports go queued → confirmed, verify passes and catches a tampered record, doctor checks the chain', async () => {
    const dataDir = tempDir();
    const passphrase = privateFile(tempDir(), 'passphrase', 'correct horse battery staple\n');
    expect(runSietch(['key', 'create', '--passphrase-file', passphrase, '--data-dir', dataDir]).status).toBe(0);
    writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ node: { sampleIntervalSeconds: 1, epochSeconds: 10 } }));
    const devnet = await startDevnet(dataDir);
    expect(devnet.info).toMatchObject({ chainId: 31337, easAddress: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512', schemaUid: REPORT_SCHEMA_UID, deployed: true, schemaRegistered: true, fundedWei: parseEther('100').toString() });

    const again = runSietch(['chain', 'register-schema', '--json', '--data-dir', dataDir]);
    expect(again.status, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ how: 'found', network: 'devnet', schemaUid: REPORT_SCHEMA_UID });
    const doctor = runSietch(['doctor', '--json', '--data-dir', dataDir]);
    const checks = Object.fromEntries((JSON.parse(doctor.stdout).checks as { name: string; status: string }[]).map((check) => [check.name, check.status]));
    expect(checks).toMatchObject({ 'chain RPC': 'ok', 'EAS contract': 'ok', 'report schema': 'ok', 'gas balance': 'ok' });
    expect(checks['signing domain']).toBeUndefined();

    const serve = await startServe(dataDir, ['--simulate', '--passphrase-file', passphrase]);
    servers.push(serve.child);
    const seen = new Set<string>();
    await until('two reports confirmed on chain', async () => {
      const { publications } = await apiResult(serve, 'chain.publications.list', {});
      for (const publication of publications as { state: string }[]) seen.add(publication.state);
      return (await apiResult(serve, 'chain.status', {})).counts.confirmed >= 2;
    }, 60_000);
    const status = await apiResult(serve, 'chain.status', {});
    expect(status).toMatchObject({ configured: true, connection: 'ok', network: { name: 'devnet', chainId: 31337, mode: 'attest', rpcHost: devnet.info.rpcUrl }, lowBalance: false });
    expect(BigInt(status.balanceWei)).toBeGreaterThan(0n);
    expect(BigInt(status.costPerReportWei)).toBeGreaterThan(0n);
    const { publications } = await apiResult(serve, 'chain.publications.list', {});
    const first = (publications as { seq: number; state: string; uid: string; txHash: string; refUid: string }[]).find((publication) => publication.seq === 1)!;
    expect(first).toMatchObject({ state: 'confirmed', refUid: `0x${'0'.repeat(64)}` });
    expect(first.uid).toMatch(/^0x[0-9a-f]{64}$/);
    expect(seen.has('sent') || seen.has('queued')).toBe(true);
    serve.child.kill('SIGTERM');
    expect((await waitForExit(serve.child)).code).toBe(0);

    const verified = runSietch(['chain', 'verify', '--json', '--data-dir', dataDir]);
    expect(verified.status, verified.stdout + verified.stderr).toBe(0);
    const result = JSON.parse(verified.stdout);
    expect(result).toMatchObject({ ok: true, network: 'devnet', mode: 'attest', from: 1, problems: [] });
    expect(result.checked).toBeGreaterThanOrEqual(2);

    // A record pointing at another report's attestation is caught: data and refUID no longer match.
    const db = new Database(join(dataDir, 'sietch.db'));
    db.prepare("UPDATE chain_publications SET uid = (SELECT uid FROM chain_publications WHERE seq = 2) WHERE seq = 1").run();
    db.close();
    const tampered = runSietch(['chain', 'verify', '--from', '1', '--to', '2', '--data-dir', dataDir]);
    expect(tampered.status).toBe(1);
    expect(tampered.stdout).toMatch(/report 1: the on-chain data differs from the local report/);

    // The devnet keeps its chain: restarted, it finds its contracts and schema instead of redeploying.
    expect(await devnet.stop()).toBe(0);
    const restarted = await startDevnet(dataDir);
    expect(restarted.info).toMatchObject({ deployed: false, schemaRegistered: false, easAddress: devnet.info.easAddress });
  }, 150_000);

  it('register-schema registers on a chain that lacks it, signed by the operator key, and finds it on the second run', async () => {
    const chain = await devChain({ registerSchema: false });
    const dataDir = tempDir();
    const passphrase = privateFile(tempDir(), 'passphrase', 'correct horse battery staple\n');
    const created = runSietch(['key', 'create', '--json', '--passphrase-file', passphrase, '--data-dir', dataDir]);
    const { address } = JSON.parse(created.stdout) as { address: string };
    await chain.rpc.call('anvil_setBalance', [address, `0x${parseEther('1').toString(16)}`]);
    const testnet = { rpcUrl: chain.url, chainId: 31337, easAddress: chain.contracts.easAddress, schemaRegistryAddress: chain.contracts.schemaRegistryAddress };
    writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ chain: { network: 'testnet', networks: { testnet } } }));
    const doctor = JSON.parse(runSietch(['doctor', '--json', '--data-dir', dataDir]).stdout);
    expect(doctor.checks.find((check: { name: string }) => check.name === 'report schema').status).toBe('warn');

    const withoutKey = runSietch(['chain', 'register-schema', '--data-dir', dataDir]);
    expect(withoutKey.status).toBe(2);
    expect(withoutKey.stderr).toMatch(/needs the operator key/);
    const registered = runSietch(['chain', 'register-schema', '--json', '--passphrase-file', passphrase, '--data-dir', dataDir]);
    expect(registered.status, registered.stderr).toBe(0);
    const first = JSON.parse(registered.stdout);
    expect(first).toMatchObject({ how: 'registered', network: 'testnet', schemaUid: REPORT_SCHEMA_UID });
    const receipt = await chain.rpc.getTransactionReceipt(first.txHash);
    expect(receipt?.from.toLowerCase()).toBe(address.toLowerCase());
    const second = JSON.parse(runSietch(['chain', 'register-schema', '--json', '--data-dir', dataDir]).stdout);
    expect(second).toMatchObject({ how: 'found', txHash: null });
    const db = new Database(join(dataDir, 'sietch.db'), { readonly: true });
    expect(db.prepare('SELECT network, schema_uid, how FROM chain_schemas').all()).toEqual([{ network: 'testnet', schema_uid: REPORT_SCHEMA_UID, how: 'found' }]);
    db.close();
  }, 90_000);

  it('devnet without anvil says so and exits 2; an unreachable RPC exits 4', () => {
    const dataDir = tempDir();
    const missing = runSietch(['devnet', '--data-dir', dataDir], { SIETCH_ANVIL: join(dataDir, 'no-anvil-here') });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/anvil is not installed/);
    const unreachable = { rpcUrl: 'http://127.0.0.1:9/', chainId: 31337, easAddress: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512', schemaRegistryAddress: '0x5FbDB2315678afecb367f032d93F642f64180aa3' };
    writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ chain: { network: 'down', networks: { down: unreachable } } }));
    openDataDirDb(dataDir).close();
    const register = runSietch(['chain', 'register-schema', '--data-dir', dataDir]);
    expect(register.status, register.stderr).toBe(4);
    expect(register.stderr).toMatch(/down \(http:\/\/127\.0\.0\.1:9\): eth_chainId/);
    // Nothing signed locally: verify fails on its own, without asking the chain.
    const verify = runSietch(['chain', 'verify', '--from', '1', '--to', '1', '--data-dir', dataDir]);
    expect(verify.status).toBe(1);
    expect(verify.stdout).toMatch(/report 1: no signed report/);
  });
});
