#!/usr/bin/env node
// A stand-in for an operator's evidence command (docs/gpu-evidence.md), for tests only: prints a
// GpuEvidence JSON for the nonce it is given, made from the REAL nvtrust H100 report (read from
// shared/fixtures, never copied) with its request nonce replaced, its FWID set to the synthetic
// chain's, and re-signed with that chain's leaf key — what a GPU holding that key would answer.
// Usage: fake-gpu-evidence-command.mjs --chain-dir DIR [--mode ok|stale-nonce|garbage|fail|hang]
//        --gpu-uuid U --gpu-index I --nonce HEX   (the last three appended by Sietch)
// DIR holds chain.json (PEM array, leaf first), leaf-key.pem (PKCS#8) and fwid.hex.
import { sign } from 'node:crypto';
import { appendFileSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const option = (name) => {
  const at = args.lastIndexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
const dir = option('chain-dir');
const mode = option('mode') ?? 'ok';
const nonce = option('nonce') ?? '';
if (option('log')) appendFileSync(option('log'), `${option('gpu-index')} ${option('gpu-uuid')} ${nonce}\n`);
if (mode === 'fail') {
  process.stderr.write('GPU is not in confidential-computing mode\n');
  process.exit(3);
}
if (mode === 'hang') setInterval(() => undefined, 1000);
else if (mode === 'garbage') process.stdout.write('not json at all');
else {
  const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'fixtures', 'nvtrust');
  const report = Buffer.from(readFileSync(join(fixtures, 'nvtrust__hopperAttestationReport.txt'), 'utf8').trim(), 'hex');
  if (mode !== 'stale-nonce') Buffer.from(nonce, 'hex').copy(report, 4);
  // Response: 37-byte request, then header (4), block count (1), record length (3, LE), record, nonce (32), opaque length (2).
  const response = 37;
  const opaqueLengthAt = response + 8 + report.readUIntLE(response + 5, 3) + 32;
  let at = opaqueLengthAt + 2;
  const end = at + report.readUInt16LE(opaqueLengthAt);
  for (; at < end; at += 4 + report.readUInt16LE(at + 2)) {
    if (report.readUInt16LE(at) === 20) Buffer.from(readFileSync(join(dir, 'fwid.hex'), 'utf8').trim(), 'hex').copy(report, at + 4);
  }
  const signature = sign('sha384', report.subarray(0, report.length - 96), { key: readFileSync(join(dir, 'leaf-key.pem'), 'utf8'), dsaEncoding: 'ieee-p1363' });
  signature.copy(report, report.length - 96);
  process.stdout.write(JSON.stringify({ format: 'nvidia-spdm-1.1', report: report.toString('hex'), certChain: JSON.parse(readFileSync(join(dir, 'chain.json'), 'utf8')) }));
}
