import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registerAttestCommands } from '../../electron/cli/commands/attest';
import { EXIT } from '../../electron/cli/exit-codes';
import { runCommandsInProcess, type CliRun } from '../support/cli-in-process';
import { REAL_CHAIN_FILE, REAL_NONCE, REAL_REPORT_FILE, REAL_ROOT_FILE, realEvidence, withCertificateByteFlipped, withReportByteFlipped } from '../support/gpu-evidence-fixtures';
import { makeSyntheticGpuChain, makeSyntheticGpuEvidence } from '../support/gpu-evidence-synthetic';
import { useTempDirs } from '../support/temp-dir';

// `sietch attest verify-gpu` on NVIDIA's real sample (read from ../shared/fixtures) and on
// mutated copies derived here into temp files: exit 0 with the device and every check, exit 1
// with the failing check's reason, exit 2 for flags and files that cannot be used.
const tempDir = useTempDirs();

/** The attest commands registered as program.ts does, run in this process. */
function sietch(args: string[]): Promise<CliRun> {
  return runCommandsInProcess(registerAttestCommands, args);
}

const realFiles = ['--report', REAL_REPORT_FILE, '--chain', REAL_CHAIN_FILE, '--root', REAL_ROOT_FILE];

function writeEvidence(dir: string, name: string, evidence: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(evidence));
  return file;
}

describe('sietch attest verify-gpu', () => {
  it('accepts the real sample: exit 0, the device, every check, OCSP and RIM not checked offline', async () => {
    const run = await sietch(['attest', 'verify-gpu', ...realFiles]);
    expect(run.exitCode, run.stderr).toBe(EXIT.ok);
    expect(run.stderr).toBe('');
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('OK  GPU evidence verified: GH100 A01 GSP FMC LF, serial 53C22BA15E5D68088282DA074ED9FB37AA585771');
    expect(run.stdout).toContain('chip id 48B02D92494BADF4');
    expect(run.stdout).toContain('driver 550.90.07, VBIOS 96.00.9F.00.01');
    expect(run.stdout).toContain(`nonce         ${REAL_NONCE} (the request's own; give --nonce to check freshness)`);
    expect(run.stdout).toContain('fwid          f5c384aebb579217');
    expect(run.stdout).toContain('measurements  64');
    expect(run.stdout).toContain('evidence hash 0x16286e3bd8a2f308b9c48ff5646b9419725f53ce4f5575fc808def46b9d48a22');
    for (const check of ['format', 'chain', 'validity', 'root', 'signature', 'nonce', 'fwid']) expect(run.stdout).toMatch(new RegExp(`\\n  passed +${check} `));
    expect(run.stdout).toMatch(/\n {2}not checked offline +revocation /);
    expect(run.stdout).toMatch(/\n {2}not checked offline +rim /);
  });

  it('--json prints the verdict; --nonce of the real nonce passes, another exits 1 with the reason', async () => {
    const json = await sietch(['attest', 'verify-gpu', ...realFiles, '--nonce', `0x${REAL_NONCE}`, '--json']);
    expect(json.exitCode).toBe(EXIT.ok);
    const verdict = JSON.parse(json.stdout);
    expect(verdict).toMatchObject({ kind: 'gpu-evidence', ok: true, device: { serial: '53C22BA15E5D68088282DA074ED9FB37AA585771', nonce: REAL_NONCE } });
    expect(verdict.checks).toHaveLength(9);

    const wrong = 'ff'.repeat(32);
    const failed = await sietch(['attest', 'verify-gpu', ...realFiles, '--nonce', wrong]);
    expect(failed.exitCode).toBe(EXIT.verificationFailed);
    expect(failed.stdout.split('\n')[0]).toBe(`FAILED  nonce: the request's nonce (bytes 4–35) is ${REAL_NONCE}, expected ${wrong}`);
    expect(failed.stderr).toBe(`sietch: nonce: the request's nonce (bytes 4–35) is ${REAL_NONCE}, expected ${wrong}\n`);
  });

  it('rejects a mutated report and a mutated certificate with exit 1 and the reason', async () => {
    const dir = tempDir();
    const report = Buffer.from(readFileSync(REAL_REPORT_FILE, 'utf8').trim(), 'hex');
    report[200]! ^= 0x01; // inside measurement block 3's value: covered by the signature
    const reportFile = join(dir, 'report.bin'); // raw bytes this time, not hex text
    writeFileSync(reportFile, report);
    const run = await sietch(['attest', 'verify-gpu', '--report', reportFile, '--chain', REAL_CHAIN_FILE, '--root', REAL_ROOT_FILE]);
    expect(run.exitCode).toBe(EXIT.verificationFailed);
    expect(run.stderr).toBe("sietch: signature: the report's signature (bytes 4021–4116) does not verify with the key of certificate 1 (GH100 A01 GSP FMC LF) over request ‖ response (4021 bytes)\n");

    const certificate = writeEvidence(dir, 'cert.json', withCertificateByteFlipped(realEvidence(), 3, -1));
    const chain = await sietch(['attest', 'verify-gpu', '--evidence', certificate, '--root', REAL_ROOT_FILE]);
    expect(chain.exitCode).toBe(EXIT.verificationFailed);
    expect(chain.stderr).toBe('sietch: chain: certificate 3 (NVIDIA GH100 Provisioner ICA 1): its signature does not verify with the key of certificate 4 (NVIDIA GH100 Identity)\n');
  });

  it('--at before the leaf was issued exits 1 on validity', async () => {
    const run = await sietch(['attest', 'verify-gpu', ...realFiles, '--at', '2019-01-01T00:00:00Z']);
    expect(run.exitCode).toBe(EXIT.verificationFailed);
    expect(run.stderr).toBe('sietch: validity: certificate 1 (GH100 A01 GSP FMC LF) is not valid before 2020-10-17T00:00:00Z\n');
  });

  it('--evidence: the real evidence as JSON verifies; a synthetic fresh nonce verifies against its own root only', async () => {
    const dir = tempDir();
    expect((await sietch(['attest', 'verify-gpu', '--evidence', writeEvidence(dir, 'real.json', realEvidence()), '--root', REAL_ROOT_FILE])).exitCode).toBe(EXIT.ok);
    const chain = await makeSyntheticGpuChain();
    const nonce = '5e'.repeat(32);
    const evidenceFile = writeEvidence(dir, 'synthetic.json', await makeSyntheticGpuEvidence({ nonce, chain }));
    const rootFile = join(dir, 'synthetic-root.pem');
    writeFileSync(rootFile, chain.rootPem);
    expect((await sietch(['attest', 'verify-gpu', '--evidence', evidenceFile, '--root', rootFile, '--nonce', nonce])).exitCode).toBe(EXIT.ok);
    const foreign = await sietch(['attest', 'verify-gpu', '--evidence', evidenceFile, '--root', REAL_ROOT_FILE, '--nonce', nonce]);
    expect(foreign.exitCode).toBe(EXIT.verificationFailed);
    expect(foreign.stderr).toMatch(/^sietch: root: the chain ends at the self-signed "CN=Sietch Synthetic Device Identity CA, O=Sietch synthetic test evidence", not at the configured root "CN=NVIDIA Device Identity CA, O=NVIDIA"\n$/);
    // A format error in evidence JSON is a rejected verification (exit 1), not a usage error.
    const flipped = writeEvidence(dir, 'version.json', withReportByteFlipped(realEvidence(), 37, 0x01));
    const version = await sietch(['attest', 'verify-gpu', '--evidence', flipped, '--root', REAL_ROOT_FILE]);
    expect(version.exitCode).toBe(EXIT.verificationFailed);
    expect(version.stderr).toBe('sietch: format: response SPDMVersion: expected 0x11 (SPDM 1.1; other versions are not supported), found 0x10 (at byte 37)\n');
  });

  it('exits 2 on usage errors and unreadable files', async () => {
    const dir = tempDir();
    const notJson = join(dir, 'evidence.json');
    writeFileSync(notJson, '{');
    const twoRoots = join(dir, 'roots.pem');
    writeFileSync(twoRoots, readFileSync(REAL_CHAIN_FILE));
    const cases: [string[], RegExp][] = [
      [['attest', 'verify-gpu', '--report', REAL_REPORT_FILE, '--root', REAL_ROOT_FILE], /give --report FILE and --chain FILE/],
      [['attest', 'verify-gpu', ...realFiles, '--evidence', notJson], /either --evidence or --report with --chain, not both/],
      [['attest', 'verify-gpu', '--evidence', notJson, '--root', REAL_ROOT_FILE], /--evidence: .* is not JSON/],
      [['attest', 'verify-gpu', '--report', join(dir, 'missing.txt'), '--chain', REAL_CHAIN_FILE, '--root', REAL_ROOT_FILE], /--report: cannot read .*missing\.txt: ENOENT/],
      [['attest', 'verify-gpu', '--report', REAL_REPORT_FILE, '--chain', REAL_CHAIN_FILE, '--root', twoRoots], /--root: .* holds 5 PEM certificates; give the one trusted root/],
      [['attest', 'verify-gpu', ...realFiles, '--nonce', '1234'], /--nonce: "1234" is not 32 bytes of hex/],
      [['attest', 'verify-gpu', ...realFiles, '--at', 'yesterday'], /--at: "yesterday" is not an ISO 8601 time/],
      [['attest', 'verify-gpu', '--report', REAL_REPORT_FILE, '--chain', REAL_CHAIN_FILE], /required option '--root <file>' not specified/],
    ];
    for (const [args, message] of cases) {
      const run = await sietch(args);
      expect(run.exitCode, args.join(' ')).toBe(EXIT.usage);
      expect(run.stderr).toMatch(message);
    }
  });
});
