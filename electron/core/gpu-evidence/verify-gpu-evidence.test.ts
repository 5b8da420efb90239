import { describe, expect, it } from 'vitest';
import { REAL_NONCE, realChainPems, realEvidence, realRootPem, withCertificateByteFlipped, withReportByteFlipped, withReportBytes, pemToDer, derToPem } from '../../../test/support/gpu-evidence-fixtures';
import { makeSyntheticGpuChain, makeSyntheticGpuEvidence } from '../../../test/support/gpu-evidence-synthetic';
import { EVIDENCE_CHECK_NAMES, type GpuEvidenceVerdict } from './evidence-types';
import { parseGpuEvidenceReport } from './spdm-report';
import { verifyGpuEvidence } from './verify-gpu-evidence';

const root = realRootPem();
const real = realEvidence();
const layout = parseGpuEvidenceReport(real.report);
const statuses = (verdict: GpuEvidenceVerdict) => Object.fromEntries(verdict.checks.map((check) => [check.name, check.status]));

describe('verifyGpuEvidence on the real H100 sample', () => {
  it('verifies: every required check passes, OCSP and RIM are reported as not checked offline', async () => {
    const verdict = await verifyGpuEvidence(real, { root });
    expect(verdict.ok).toBe(true);
    expect(verdict.failure).toBeUndefined();
    expect(verdict.checks.map((check) => check.name)).toEqual([...EVIDENCE_CHECK_NAMES]);
    expect(statuses(verdict)).toEqual({ format: 'passed', chain: 'passed', validity: 'passed', root: 'passed', signature: 'passed', nonce: 'passed', fwid: 'passed', revocation: 'not-checked-offline', rim: 'not-checked-offline' });
    expect(verdict.checks.find((check) => check.name === 'chain')!.detail).toBe('5 certificate(s), each signed by the next: GH100 A01 GSP FMC LF → GH100 A01 GSP BROM → NVIDIA GH100 Provisioner ICA 1 → NVIDIA GH100 Identity → NVIDIA Device Identity CA');
    expect(verdict.checks.find((check) => check.name === 'root')!.detail).toMatch(/^certificate 5 \(NVIDIA Device Identity CA\) is the configured root \(SHA-256 10:2B:F6:59:/);
  });

  it('extracts the device identity: leaf serial (UEID), chip id, model, versions, FWID, nonce, 64 measurements', async () => {
    const { device } = await verifyGpuEvidence(real, { root });
    expect(device).toMatchObject({
      serial: '53C22BA15E5D68088282DA074ED9FB37AA585771',
      chipId: '48B02D92494BADF4',
      model: 'GH100 A01 GSP FMC LF',
      fwid: 'f5c384aebb579217a2c66b17ed0f28e6a9b8d639041acd7b4721cec004f7275494ba94bb5cdfdb3055ee051762b1f75d',
      driverVersion: '550.90.07',
      vbiosVersion: '96.00.9F.00.01',
      nonce: REAL_NONCE,
    });
    expect(device!.measurements).toHaveLength(64);
    expect(device!.measurements[0]).toBe('00'.repeat(48));
    expect(device!.measurements[1]).toMatch(/^8048dfd18fe229bf/);
  });

  it('passes with the real nonce given (0x and upper case allowed) and fails with another one', async () => {
    expect((await verifyGpuEvidence(real, { root, nonce: REAL_NONCE })).ok).toBe(true);
    expect((await verifyGpuEvidence(real, { root, nonce: `0x${REAL_NONCE.toUpperCase()}` })).ok).toBe(true);
    const wrong = `${REAL_NONCE.slice(0, -2)}00`;
    const verdict = await verifyGpuEvidence(real, { root, nonce: wrong });
    expect(verdict.ok).toBe(false);
    expect(verdict.failure).toEqual({ check: 'nonce', reason: `the request's nonce (bytes 4–35) is ${REAL_NONCE}, expected ${wrong}` });
    expect(statuses(verdict).signature).toBe('passed');
    const malformed = await verifyGpuEvidence(real, { root, nonce: 'abc' });
    expect(malformed.failure).toEqual({ check: 'nonce', reason: 'the expected nonce is not 32 bytes of hex: "abc"' });
  });

  it('is not valid before the leaf was issued: --at 2019-01-01', async () => {
    const verdict = await verifyGpuEvidence(real, { root, at: new Date('2019-01-01T00:00:00Z') });
    expect(verdict.failure).toEqual({ check: 'validity', reason: 'certificate 1 (GH100 A01 GSP FMC LF) is not valid before 2020-10-17T00:00:00Z' });
    // Only the dates fail: the rest is still checked and still holds.
    expect(statuses(verdict)).toMatchObject({ chain: 'passed', root: 'passed', signature: 'passed', fwid: 'passed' });
  });
});

// Each case derives a mutated copy of the real evidence (the fixture files are never written).
describe('verifyGpuEvidence rejects each mutation of the real sample with its precise reason', () => {
  it('a flipped byte in the signature → signature', async () => {
    const verdict = await verifyGpuEvidence(withReportByteFlipped(real, layout.signatureOffset + 10), { root });
    expect(verdict.failure).toEqual({ check: 'signature', reason: "the report's signature (bytes 4021–4116) does not verify with the key of certificate 1 (GH100 A01 GSP FMC LF) over request ‖ response (4021 bytes)" });
  });

  it('a flipped byte in a measurement value → signature, and the device shows the changed measurement', async () => {
    const block = layout.response.blocks[1]!; // index 2; its value starts after index, spec, size, value type and value size
    const verdict = await verifyGpuEvidence(withReportByteFlipped(real, block.offset + 7), { root });
    expect(verdict.failure!.check).toBe('signature');
    expect(verdict.device!.measurements[1]).not.toBe(Buffer.from(block.value).toString('hex'));
  });

  it('a flipped byte in the opaque FWID → signature first (the FWID is signed), fwid fails too', async () => {
    // The FWID sits under the signature, so the signature check (earlier in the order) is the
    // failure; the fwid check independently finds the report's FWID no longer matches the leaf's.
    const fwid = layout.opaqueByType.get(20)!;
    const verdict = await verifyGpuEvidence(withReportByteFlipped(real, fwid.offset + 4), { root });
    expect(verdict.failure!.check).toBe('signature');
    const check = verdict.checks.find((item) => item.name === 'fwid')!;
    expect(check.status).toBe('failed');
    expect(check.detail).toBe(`the report's FWID (opaque field at byte ${fwid.offset}) is f4c384aebb579217a2c66b17ed0f28e6a9b8d639041acd7b4721cec004f7275494ba94bb5cdfdb3055ee051762b1f75d, but certificate 1 (GH100 A01 GSP FMC LF) was issued for f5c384aebb579217a2c66b17ed0f28e6a9b8d639041acd7b4721cec004f7275494ba94bb5cdfdb3055ee051762b1f75d`);
  });

  it("a flipped byte in a certificate's signature → chain, naming the certificate", async () => {
    const verdict = await verifyGpuEvidence(withCertificateByteFlipped(real, 2, -1), { root });
    expect(verdict.failure).toEqual({ check: 'chain', reason: 'certificate 2 (GH100 A01 GSP BROM): its signature does not verify with the key of certificate 3 (NVIDIA GH100 Provisioner ICA 1)' });
  });

  it("a flipped byte in a certificate's TBS (its serial number) → chain, naming the certificate; the leaf's too", async () => {
    const serialAt = (position: number, serialHex: string) => pemToDer(real.certChain[position - 1]!).indexOf(Buffer.from(serialHex, 'hex'));
    const brom = await verifyGpuEvidence(withCertificateByteFlipped(real, 2, serialAt(2, '41431D480FE5E87274') + 3), { root });
    expect(brom.failure).toEqual({ check: 'chain', reason: 'certificate 2 (GH100 A01 GSP BROM): its signature does not verify with the key of certificate 3 (NVIDIA GH100 Provisioner ICA 1)' });
    const leaf = await verifyGpuEvidence(withCertificateByteFlipped(real, 1, serialAt(1, '53C22BA15E5D68088282DA074ED9FB37AA585771') + 19), { root });
    expect(leaf.failure).toEqual({ check: 'chain', reason: 'certificate 1 (GH100 A01 GSP FMC LF): its signature does not verify with the key of certificate 2 (GH100 A01 GSP BROM)' });
    expect(leaf.device!.serial).toBe('53C22BA15E5D68088282DA074ED9FB37AA585770');
  });

  it("a flipped byte in the root certificate's signature → root (it is no longer the configured root, nor signed by it)", async () => {
    const verdict = await verifyGpuEvidence(withCertificateByteFlipped(real, 5, -1), { root });
    expect(statuses(verdict).chain).toBe('passed');
    expect(verdict.failure).toEqual({ check: 'root', reason: 'certificate 5 (NVIDIA Device Identity CA) is not issued by the configured root "CN=NVIDIA Device Identity CA, O=NVIDIA": certificate 5 (NVIDIA Device Identity CA): its signature does not verify with the key of the configured root (NVIDIA Device Identity CA)' });
  });

  it('a certificate whose DER no longer parses → chain, naming it', async () => {
    const verdict = await verifyGpuEvidence(withCertificateByteFlipped(real, 3, 1, 0x40), { root });
    expect(verdict.failure!.check).toBe('chain');
    expect(verdict.failure!.reason).toMatch(/^certificate 3 does not parse as an X\.509 certificate/);
    expect(statuses(verdict)).toMatchObject({ validity: 'failed', root: 'failed', signature: 'passed', fwid: 'passed' });
  });

  it('a chain with a certificate missing → chain, naming the broken link', async () => {
    const certChain = real.certChain.filter((_, index) => index !== 2); // without the provisioner ICA
    const verdict = await verifyGpuEvidence({ ...real, certChain }, { root });
    expect(verdict.failure).toEqual({ check: 'chain', reason: 'certificate 2 (GH100 A01 GSP BROM) names its issuer "CN=NVIDIA GH100 Provisioner ICA 1, O=NVIDIA Corporation, C=US" but certificate 3 (NVIDIA GH100 Identity) is "CN=NVIDIA GH100 Identity, O=NVIDIA Corporation"' });
  });

  it('a truncated report → format with the offset; the chain is still judged', async () => {
    const verdict = await verifyGpuEvidence(withReportBytes(real, (bytes) => bytes.subarray(0, 4000)), { root });
    expect(verdict.failure).toEqual({ check: 'format', reason: 'OpaqueData: needs 422 byte(s), only 401 left of 4000 (at byte 3599)' });
    expect(statuses(verdict)).toMatchObject({ chain: 'passed', validity: 'passed', root: 'passed' });
  });

  it('another SPDM version → format', async () => {
    const verdict = await verifyGpuEvidence(withReportByteFlipped(real, 0, 0x11 ^ 0x12), { root });
    expect(verdict.failure).toEqual({ check: 'format', reason: 'request SPDMVersion: expected 0x11 (SPDM 1.1; other versions are not supported), found 0x12 (at byte 0)' });
    expect(verdict.device).toBeUndefined();
    expect(statuses(verdict)).toMatchObject({ chain: 'passed', root: 'passed', signature: 'failed', nonce: 'failed', fwid: 'failed' });
    expect(verdict.checks.find((check) => check.name === 'signature')!.detail).toBe('not checked: the report did not parse');
  });
});

describe('verifyGpuEvidence with synthetic chains (P-384, shaped like NVIDIA\'s)', () => {
  it('a fresh nonce attested by a synthetic chain verifies against its own root', async () => {
    const chain = await makeSyntheticGpuChain({ chipId: '0123456789ABCDEF' });
    const nonce = 'ab'.repeat(32);
    const evidence = await makeSyntheticGpuEvidence({ nonce, chain });
    const verdict = await verifyGpuEvidence(evidence, { root: chain.rootPem, nonce });
    expect(verdict.ok).toBe(true);
    expect(verdict.device).toMatchObject({ serial: chain.serial, chipId: '0123456789ABCDEF', fwid: chain.fwid, nonce, model: 'GH100 A01 GSP FMC LF' });
  });

  it('a chain to another root → root, naming both subjects', async () => {
    const chain = await makeSyntheticGpuChain({ rootName: 'Impostor Device Identity CA' });
    const evidence = await makeSyntheticGpuEvidence({ nonce: REAL_NONCE, chain });
    const verdict = await verifyGpuEvidence(evidence, { root });
    expect(statuses(verdict)).toMatchObject({ chain: 'passed', validity: 'passed', signature: 'passed', fwid: 'passed' });
    expect(verdict.failure).toEqual({ check: 'root', reason: 'the chain ends at the self-signed "CN=Impostor Device Identity CA, O=Sietch synthetic test evidence", not at the configured root "CN=NVIDIA Device Identity CA, O=NVIDIA"' });
  });

  it('an expired certificate at the verification time → validity', async () => {
    const chain = await makeSyntheticGpuChain({ notAfter: new Date('2025-03-01T00:00:00Z') });
    const evidence = await makeSyntheticGpuEvidence({ nonce: REAL_NONCE, chain });
    expect((await verifyGpuEvidence(evidence, { root: chain.rootPem, at: new Date('2025-02-28T23:59:59Z') })).ok).toBe(true);
    const verdict = await verifyGpuEvidence(evidence, { root: chain.rootPem, at: new Date('2025-03-01T00:00:01Z') });
    expect(verdict.failure).toEqual({ check: 'validity', reason: 'certificate 1 (GH100 A01 GSP FMC LF) expired at 2025-03-01T00:00:00Z' });
  });

  it('an FWID in the report that is not the leaf\'s (correctly signed) → fwid', async () => {
    const chain = await makeSyntheticGpuChain();
    const other = 'cd'.repeat(48);
    const verdict = await verifyGpuEvidence(await makeSyntheticGpuEvidence({ nonce: REAL_NONCE, chain, fwid: other }), { root: chain.rootPem });
    expect(statuses(verdict).signature).toBe('passed');
    expect(verdict.failure!.check).toBe('fwid');
    expect(verdict.failure!.reason).toContain(`is ${other}, but certificate 1 (GH100 A01 GSP FMC LF) was issued for ${chain.fwid}`);
  });

  it('a chain that stops below the root is accepted when the configured root issued its last certificate', async () => {
    const chain = await makeSyntheticGpuChain();
    const evidence = await makeSyntheticGpuEvidence({ nonce: REAL_NONCE, chain });
    const verdict = await verifyGpuEvidence({ ...evidence, certChain: evidence.certChain.slice(0, 4) }, { root: chain.rootPem });
    expect(verdict.ok).toBe(true);
    expect(verdict.checks.find((check) => check.name === 'root')!.detail).toMatch(/^certificate 4 \(Synthetic GH100 Identity\) is issued by the configured root "CN=Sietch Synthetic Device Identity CA/);
    // … and refused when another root is configured: the last certificate names an issuer that is not it.
    const foreign = await verifyGpuEvidence({ ...evidence, certChain: evidence.certChain.slice(0, 4) }, { root });
    expect(foreign.failure!.check).toBe('root');
    expect(foreign.failure!.reason).toContain('certificate 4 (Synthetic GH100 Identity) is not issued by the configured root "CN=NVIDIA Device Identity CA, O=NVIDIA": certificate 4 (Synthetic GH100 Identity) names its issuer "CN=Sietch Synthetic Device Identity CA');
  });
});

describe('verifyGpuEvidence: plug-in revocation and RIM checks, configuration and hostile evidence', () => {
  it('runs a configured revocation and RIM checker and reports their answers under their names', async () => {
    let seenChain = 0;
    const verdict = await verifyGpuEvidence(real, {
      root,
      revocation: { name: 'test OCSP', check: async (chain) => ((seenChain = chain.length), { status: 'passed', detail: 'good' }) },
      rim: { name: 'test RIM', check: async (device) => ({ status: device.measurements.length === 64 ? 'failed' : 'passed', detail: 'measurement 2 differs' }) },
    });
    expect(seenChain).toBe(5);
    expect(verdict.checks.slice(-2)).toEqual([
      { name: 'revocation', status: 'passed', detail: 'test OCSP: good' },
      { name: 'rim', status: 'failed', detail: 'test RIM: measurement 2 differs' },
    ]);
    expect(verdict.failure).toEqual({ check: 'rim', reason: 'test RIM: measurement 2 differs' });
  });

  it('a checker that throws fails its check instead of the verification', async () => {
    const verdict = await verifyGpuEvidence(real, { root, revocation: { name: 'ocsp', check: () => Promise.reject(new Error('ECONNREFUSED')) } });
    expect(verdict.failure).toEqual({ check: 'revocation', reason: 'ocsp could not answer: ECONNREFUSED' });
  });

  it('a configured root that is not one PEM certificate → root', async () => {
    expect((await verifyGpuEvidence(real, { root: 'not a certificate' })).failure).toEqual({ check: 'root', reason: 'the configured root holds 0 PEM certificates, expected exactly one' });
    const two = await verifyGpuEvidence(real, { root: realChainPems().slice(3).join('') });
    expect(two.failure).toEqual({ check: 'root', reason: 'the configured root holds 2 PEM certificates, expected exactly one' });
  });

  it('evidence of the wrong shape → format, never a throw', async () => {
    const cases: [unknown, string][] = [
      [null, 'the evidence is not a JSON object'],
      [{ ...real, format: 'tpm' }, 'evidence format is "tpm", expected "nvidia-spdm-1.1"'],
      [{ ...real, report: real.report.toUpperCase() }, 'evidence report must be lowercase hex without 0x or spaces; character 2 is "E"'],
      [{ ...real, report: `${real.report}0` }, 'evidence report has an odd number of hex digits (8235)'],
      [{ ...real, certChain: 'pem' }, 'evidence certChain is not a list of PEM strings'],
    ];
    for (const [evidence, reason] of cases) {
      const verdict = await verifyGpuEvidence(evidence as never, { root });
      expect(verdict.ok).toBe(false);
      expect(verdict.failure, reason).toEqual({ check: 'format', reason });
    }
  });

  it('an empty chain, and one past the sanity limit → chain', async () => {
    expect((await verifyGpuEvidence({ ...real, certChain: [] }, { root })).failure).toEqual({ check: 'chain', reason: 'the certificate chain is empty' });
    const long = Array.from({ length: 11 }, () => real.certChain[0]!);
    expect((await verifyGpuEvidence({ ...real, certChain: long }, { root })).failure).toEqual({ check: 'chain', reason: 'the certificate chain has 11 certificates, more than the 10 this verifier accepts' });
  });

  it('the same chain against two roots in turn gets each its own answer (chain results are kept per chain and root)', async () => {
    const chain = await makeSyntheticGpuChain();
    const evidence = await makeSyntheticGpuEvidence({ nonce: REAL_NONCE, chain });
    for (let round = 0; round < 2; round += 1) {
      expect((await verifyGpuEvidence(evidence, { root: chain.rootPem })).ok).toBe(true);
      expect((await verifyGpuEvidence(evidence, { root })).failure!.check).toBe('root');
    }
  });

  it('a leaf re-encoded with another PEM line width is the same certificate', async () => {
    const certChain = [derToPem(pemToDer(real.certChain[0]!)).replace(/(.{40})/g, '$1\n'), ...real.certChain.slice(1)];
    expect((await verifyGpuEvidence({ ...real, certChain }, { root })).ok).toBe(true);
  });
});
