import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { CommandEvidenceSource } from './command-evidence-source';
import { EvidenceCollectError } from './evidence-source';

const FAKE_COMMAND = fileURLToPath(new URL('../../../../../test/support/fake-gpu-evidence-command.mjs', import.meta.url));
const NVTRUST = fileURLToPath(new URL('../../../../../../shared/fixtures/nvtrust/', import.meta.url));
const NONCE = 'ab'.repeat(32);
const target = { assetId: 'gpu:GPU-1', uuid: 'GPU-1', index: 0 };

let dir: string;
let log: string;
beforeAll(() => {
  // The real chain of the nvtrust sample, and a throw-away P-384 key to re-sign with: this test
  // is about running the command, not about the evidence verifying (the verifier's tests are).
  dir = mkdtempSync(join(tmpdir(), 'sietch-evidence-cmd-'));
  log = join(dir, 'calls.log');
  const chain = readFileSync(join(NVTRUST, 'nvtrust__hopperCertChain.txt'), 'utf8').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n?/g)!;
  writeFileSync(join(dir, 'chain.json'), JSON.stringify(chain));
  writeFileSync(join(dir, 'leaf-key.pem'), generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(join(dir, 'fwid.hex'), '11'.repeat(48));
});

const source = (mode: string, timeoutMs = 10_000): CommandEvidenceSource => new CommandEvidenceSource([process.execPath, FAKE_COMMAND, '--chain-dir', dir, '--mode', mode, '--log', log], timeoutMs);

describe('CommandEvidenceSource', () => {
  it('passes the GPU and the nonce as arguments and returns the evidence document it prints', async () => {
    const evidence = await source('ok').collect(target, NONCE);
    expect(evidence.format).toBe('nvidia-spdm-1.1');
    expect(evidence.certChain).toHaveLength(5);
    expect(evidence.report.slice(8, 8 + 64)).toBe(NONCE); // the request's nonce, after its 4-byte header
    expect(readFileSync(log, 'utf8')).toContain(`0 GPU-1 ${NONCE}`);
  });

  it('reports a command that fails with its exit code and the first line it wrote to stderr', async () => {
    await expect(source('fail').collect(target, NONCE)).rejects.toThrow(new EvidenceCollectError('the evidence command exited with 3: GPU is not in confidential-computing mode'));
  });

  it('refuses output that is not JSON, quoting its start', async () => {
    await expect(source('garbage').collect(target, NONCE)).rejects.toThrow('the evidence command did not print JSON: not json at all');
  });

  it('kills a command that does not answer in time', async () => {
    const started = Date.now();
    await expect(source('hang', 400).collect(target, NONCE)).rejects.toThrow('the evidence command did not answer within 0.4 s (killed)');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('names a command that cannot start', async () => {
    await expect(new CommandEvidenceSource(['/nonexistent/evidence-tool'], 1000).collect(target, NONCE)).rejects.toThrow('the evidence command could not start (ENOENT): /nonexistent/evidence-tool');
  });

  it('refuses a document that is not evidence, naming the field', async () => {
    const script = join(dir, 'wrong-shape.mjs');
    writeFileSync(script, "process.stdout.write(JSON.stringify({ format: 'nvidia-spdm-1.1', report: 'XYZ', certChain: [] }))");
    await expect(new CommandEvidenceSource([process.execPath, script], 5000).collect(target, NONCE)).rejects.toThrow(/printed an invalid document: report: lowercase hex bytes/);
  });
});
