import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runSietch, startServe, waitForExit } from '../support/sietch-process';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();

async function callApi(url: string, token: string, method: string, input: unknown = {}) {
  const response = await fetch(`${url}api/call/${method}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(input) });
  return { status: response.status, body: (await response.json()) as { result?: any; error?: any } };
}

function integrity(dataDir: string): string {
  const db = new Database(join(dataDir, 'sietch.db'), { readonly: true });
  try {
    return db.pragma('integrity_check', { simple: true }) as string;
  } finally {
    db.close();
  }
}

describe('sietch serve as a process', () => {
  it('serves this machine, refuses a second owner, and stops on SIGTERM within 2 s with a sound database', async () => {
    const dataDir = tempDir();
    const serve = await startServe(dataDir);
    expect(serve.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const refreshed = await callApi(serve.url, serve.token, 'inventory.host.refresh');
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.result.assetId).toMatch(/^host:/);

    const second = runSietch(['serve', '--port', '0', '--data-dir', dataDir]);
    expect(second.status).toBe(2);
    expect(second.stderr).toContain(`already in use by "sietch serve" (pid ${serve.child.pid}`);
    expect(second.stderr).toContain(serve.url);

    const stoppedAt = Date.now();
    serve.child.kill('SIGTERM');
    const exit = await waitForExit(serve.child);
    expect(exit.code).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(2000);
    // Checked before integrity(): opening the file again would recreate the WAL.
    expect(existsSync(join(dataDir, 'sietch.db-wal')) ? 'wal left' : 'checkpointed').toBe('checkpointed');
    expect(existsSync(join(dataDir, 'sietch.lock'))).toBe(false);
    expect(integrity(dataDir)).toBe('ok');
  });

  it('recovers after kill -9: takes the stale lock over and keeps the journal intact', async () => {
    const dataDir = tempDir();
    const first = await startServe(dataDir);
    await callApi(first.url, first.token, 'inventory.host.refresh');
    const before = await callApi(first.url, first.token, 'journal.verify');
    first.child.kill('SIGKILL');
    await waitForExit(first.child);
    expect(existsSync(join(dataDir, 'sietch.lock'))).toBe(true);

    const second = await startServe(dataDir);
    const after = await callApi(second.url, second.token, 'journal.verify');
    expect(after.body.result.ok).toBe(true);
    expect(after.body.result.length).toBeGreaterThanOrEqual(before.body.result.length);
    expect(second.token).toBe(first.token); // the token file survives: bookmarks keep working
    second.child.kill('SIGINT');
    expect((await waitForExit(second.child)).code).toBe(0);
    expect(integrity(dataDir)).toBe('ok');
  });

  it('is also stopped cleanly by SIGINT', async () => {
    const dataDir = tempDir();
    const serve = await startServe(dataDir);
    serve.child.kill('SIGINT');
    expect(await waitForExit(serve.child), serve.stderr()).toEqual({ code: 0, signal: null });
  });
});

describe('sietch serve --simulate', () => {
  it('registers the simulated 8-GPU server through the real spawn and parse path', async () => {
    const dataDir = tempDir();
    const serve = await startServe(dataDir, ['--simulate']);
    try {
      let listed: any;
      await expect
        .poll(async () => {
          listed = (await callApi(serve.url, serve.token, 'inventory.assets.list', { kind: 'gpu' })).body.result;
          return listed.assets.length;
        }, { timeout: 15_000 })
        .toBe(8);
      expect(listed.gpuSource).toMatchObject({ state: 'ok', simulated: true, driverVersion: expect.any(String) });
      expect(new Set(listed.assets.map((gpu: { serial: string }) => gpu.serial)).size).toBe(8);
      expect(listed.assets.every((gpu: { hostId: string; health: { status: string } }) => gpu.hostId.startsWith('host:') && gpu.health.status === 'ok')).toBe(true);
      const detail = (await callApi(serve.url, serve.token, 'inventory.asset.get', { id: listed.assets[0].id })).body.result;
      expect(detail.events[0].kind).toBe('asset.discovered');
      expect(detail.samples.length).toBeGreaterThan(0);
    } finally {
      serve.child.kill('SIGTERM');
      await waitForExit(serve.child);
    }
  });
});

describe('the attestation node inside sietch serve', () => {
  it('samples the simulated server and closes UTC-aligned epochs into reports with one leaf per GPU', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ node: { sampleIntervalSeconds: 1, epochSeconds: 10 } }));
    const serve = await startServe(dataDir, ['--simulate']);
    try {
      let reports: any[] = [];
      await expect
        .poll(async () => {
          reports = (await callApi(serve.url, serve.token, 'node.reports.list', {})).body.result.reports;
          return reports.length;
        }, { timeout: 30_000, interval: 500 })
        .toBeGreaterThanOrEqual(1);
      const status = (await callApi(serve.url, serve.token, 'node.status')).body.result;
      expect(status).toMatchObject({ running: true, simulated: true, sampleIntervalSeconds: 1, epochSeconds: 10, signer: null, network: { id: 'local-devnet', chainId: 31337 } });
      expect(status.reports.unsigned).toBeGreaterThanOrEqual(1);
      const report = reports.at(-1);
      expect(Date.parse(report.epochEnd) - Date.parse(report.epochStart)).toBe(10_000);
      expect(Date.parse(report.epochStart) % 10_000).toBe(0);
      expect(report.status).toBe('unsigned');
      const detail = (await callApi(serve.url, serve.token, 'node.report.get', { seq: report.seq })).body.result;
      expect(detail.leaves).toHaveLength(report.assetCount);
      // The simulated server's 8 GPUs and the simulated robot fleet: financed assets get leaves, hosts do not.
      const leafKinds = new Set(detail.leaves.map((leaf: { assetId: string; kind: string }) => `${leaf.kind}:${leaf.assetId.split(':')[0]}`));
      expect([...leafKinds].sort()).toEqual(['gpu:gpu', 'robot:robot']);
      expect(detail.leaves.filter((leaf: { kind: string }) => leaf.kind === 'gpu')).toHaveLength(8);
      expect((await callApi(serve.url, serve.token, 'node.report.get', { seq: 999 })).status).toBe(404);
    } finally {
      serve.child.kill('SIGTERM');
      expect((await waitForExit(serve.child)).code).toBe(0);
    }
  });
});

describe('sietch one-shot commands', () => {
  it('doctor --json prints exactly one JSON document and needs no lock', async () => {
    const dataDir = tempDir();
    const serve = await startServe(dataDir);
    try {
      const doctor = runSietch(['doctor', '--json', '--data-dir', dataDir]);
      expect(doctor.status).toBe(0);
      const report = JSON.parse(doctor.stdout);
      expect(report.ok).toBe(true);
      const byName = Object.fromEntries(report.checks.map((check: { name: string }) => [check.name, check]));
      expect(byName['data directory'].status).toBe('ok');
      expect(byName['database'].message).toMatch(/schema version \d+ \(latest\)/);
      expect(byName['data directory owner'].message).toContain(`pid ${serve.child.pid}`);
      expect(byName['nvidia-smi'].status).toBe('warn');
      expect(byName['server token'].status).toBe('ok');
    } finally {
      serve.child.kill('SIGTERM');
      await waitForExit(serve.child);
    }
  });

  it('doctor fails with exit 4 when the configured chain RPC is unreachable, and 3 when nvidia-smi hangs', async () => {
    const dataDir = tempDir();
    const unreachable = { rpcUrl: 'http://127.0.0.1:9/', chainId: 31337, easAddress: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512', schemaRegistryAddress: '0x5FbDB2315678afecb367f032d93F642f64180aa3' };
    writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ chain: { network: 'local', networks: { local: unreachable } } }));
    const rpc = runSietch(['doctor', '--json', '--data-dir', dataDir]);
    expect(rpc.status).toBe(4);
    expect(JSON.parse(rpc.stdout).checks.find((c: { name: string }) => c.name === 'chain RPC').status).toBe('fail');

    const hwDir = tempDir();
    const hanging = join(hwDir, 'nvidia-smi');
    writeFileSync(hanging, '#!/bin/sh\nsleep 30\n');
    chmodSync(hanging, 0o755);
    const started = Date.now();
    const hw = runSietch(['doctor', '--data-dir', hwDir], { SIETCH_NVIDIA_SMI: hanging, SIETCH_DOCTOR_TIMEOUT_MS: '1000' });
    expect(hw.status).toBe(3);
    expect(hw.stdout).toMatch(/fail\s+nvidia-smi: .* did not answer within 1 s/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('exits 2 on a usage error and on an invalid config', () => {
    expect(runSietch(['serve', '--no-such-flag']).status).toBe(2);
    expect(runSietch(['frobnicate']).status).toBe(2);
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'config.json'), '{"server":{"port":"x"}}');
    const bad = runSietch(['doctor', '--data-dir', dataDir]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/server\.port/);
  });
});
