import { Wallet } from 'ethers';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { REPORT_SCHEMA, REPORT_SCHEMA_UID } from './eas-schema';
import { ZERO_BYTES32 } from './hex';
import { customNetworkProfile, networkProfile, type NetworkProfile } from './network-profiles';
import { reportAttestationRequest, signReportAttestation, type SignedReportPackage } from './offchain-attestation';
import { reportHash, type EpochReport } from './report';
import { signedReportFromJson, signedReportToJson } from './signed-report-json';
import { sampleReport, TEST_PRIVATE_KEY } from './test-fixtures';
import { verifySignedReport } from './verify-report-attestation';

// The independent verifier: eas-sdk's CommonJS build (its ESM build fails to load under Node 20).
const eas = createRequire(import.meta.url)('@ethereum-attestation-service/eas-sdk');

const wallet = new Wallet(TEST_PRIVATE_KEY);
const devnet = networkProfile('local-devnet');

function sdkOffchain(network: NetworkProfile) {
  return new eas.Offchain({ address: network.easAddress, version: network.easVersion, chainId: BigInt(network.chainId) }, eas.OffchainAttestationVersion.Version2);
}

function sdkVerifies(pkg: SignedReportPackage, network: NetworkProfile = devnet, attester: string = wallet.address): boolean {
  return sdkOffchain(network).verifyOffchainAttestationSignature(attester, pkg.sig);
}

const sign = (report: EpochReport, refUID = ZERO_BYTES32, network = devnet) => signReportAttestation(report, { network, refUID }, wallet);

describe('report as an EAS offchain attestation (v2)', () => {
  it('is accepted by eas-sdk on every network profile', async () => {
    for (const id of ['local-devnet', 'ethereum', 'sepolia', 'base', 'base-sepolia', 'optimism', 'arbitrum-one']) {
      const network = networkProfile(id);
      const pkg = await sign(sampleReport(), ZERO_BYTES32, network);
      expect(sdkVerifies(pkg, network)).toBe(true);
      expect(verifySignedReport(pkg, { signer: wallet.address, network })).toMatchObject({ ok: true, uid: pkg.sig.uid });
    }
  });

  it('is byte for byte what eas-sdk signOffchainAttestation produces with the same salt', async () => {
    const report = sampleReport();
    const ours = await sign(report);
    const theirs = await sdkOffchain(devnet).signOffchainAttestation(
      { schema: REPORT_SCHEMA_UID, recipient: ours.sig.message.recipient, time: report.epochEnd, expirationTime: 0n, revocable: false, refUID: ZERO_BYTES32, data: ours.sig.message.data, salt: reportHash(report) },
      wallet,
    );
    expect(signedReportToJson({ sig: theirs, signer: wallet.address })).toBe(signedReportToJson(ours));
  });

  it('has the fields the format promises', async () => {
    const report = sampleReport();
    const { message, domain, uid } = reportAttestationRequest(report, { network: devnet, refUID: ZERO_BYTES32 });
    expect(domain).toEqual({ name: 'EAS Attestation', version: '1.3.0', chainId: 31337n, verifyingContract: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512' });
    expect(message).toMatchObject({ version: 2, schema: REPORT_SCHEMA_UID, recipient: `0x${'00'.repeat(20)}`, time: report.epochEnd, expirationTime: 0n, revocable: false, refUID: ZERO_BYTES32, salt: reportHash(report) });
    // The data decodes with eas-sdk's SchemaEncoder for our schema string, as easscan would show it.
    const decoded = new eas.SchemaEncoder(REPORT_SCHEMA).decodeData(message.data);
    expect(Object.fromEntries(decoded.map((item: any) => [item.name, item.value.value]))).toMatchObject({ sequence: 1n, epochEnd: report.epochEnd, assetCount: 3n, coverageBps: 15_000n, outstanding: report.outstanding });
    expect(uid).toMatch(/^0x[0-9a-f]{64}$/);
  });

  it('is deterministic: signing the same report twice gives identical bytes', async () => {
    const report = sampleReport({ sequence: 7n, prevReportHash: `0x${'11'.repeat(32)}` });
    const refUID = `0x${'22'.repeat(32)}`;
    expect(signedReportToJson(await sign(report, refUID))).toBe(signedReportToJson(await sign(report, refUID)));
  });

  it('survives JSON and the easscan share URL (compact, deflated, base64)', async () => {
    const pkg = await sign(sampleReport());
    const json = signedReportToJson(pkg);
    const parsed = JSON.parse(json);
    expect(parsed.sig.domain.chainId).toBe('31337');
    expect(sdkVerifies(parsed)).toBe(true);
    const back = signedReportFromJson(json);
    expect(back).toEqual(pkg);
    expect(verifySignedReport(back, { signer: wallet.address, network: devnet }).ok).toBe(true);
    const shared = eas.decodeBase64ZippedBase64(eas.zipAndEncodeToBase64(pkg));
    expect(sdkVerifies(shared)).toBe(true);
    expect(shared.signer).toBe(wallet.address);
  });

  it('chains: refUID is the previous attestation UID, prevReportHash the previous report hash', async () => {
    let prevHash = ZERO_BYTES32;
    let prevUid = ZERO_BYTES32;
    for (let sequence = 1n; sequence <= 3n; sequence += 1n) {
      const report = sampleReport({ sequence, epochStart: 1_798_761_600n + (sequence - 1n) * 3600n, epochEnd: 1_798_761_600n + sequence * 3600n, prevReportHash: prevHash });
      const pkg = await sign(report, prevUid);
      expect(pkg.sig.message.refUID).toBe(prevUid);
      expect(sdkVerifies(pkg)).toBe(true);
      const verified = verifySignedReport(pkg, { signer: wallet.address, network: devnet });
      if (!verified.ok) throw new Error(verified.reason);
      expect(verified.report.prevReportHash).toBe(prevHash);
      prevHash = verified.reportHash;
      prevUid = pkg.sig.uid;
    }
  });

  it('refuses inconsistent chaining and a report of another operator', async () => {
    await expect(sign(sampleReport(), `0x${'22'.repeat(32)}`)).rejects.toThrow(/first report .* must have refUID 0/);
    await expect(sign(sampleReport({ prevReportHash: `0x${'11'.repeat(32)}` }))).rejects.toThrow(/must reference its attestation UID/);
    await expect(sign(sampleReport({ operator: Wallet.createRandom().address }))).rejects.toThrow(/is not the signer/);
  });
});

describe('a tampered or misdirected attestation fails', () => {
  const tamperings: [string, (pkg: any) => void][] = [
    ['time', (pkg) => (pkg.sig.message.time += 1n)],
    ['data (one byte of the report)', (pkg) => (pkg.sig.message.data = `${pkg.sig.message.data.slice(0, -1)}1`)],
    ['salt', (pkg) => (pkg.sig.message.salt = `0x${'33'.repeat(32)}`)],
    ['refUID', (pkg) => (pkg.sig.message.refUID = `0x${'44'.repeat(32)}`)],
    ['schema', (pkg) => (pkg.sig.message.schema = `0x${'55'.repeat(32)}`)],
    ['signature s', (pkg) => (pkg.sig.signature.s = `0x${'66'.repeat(32)}`)],
  ];

  for (const [field, tamper] of tamperings) {
    it(`tampered ${field}: eas-sdk and our verifier both refuse`, async () => {
      const pkg: any = structuredClone(await sign(sampleReport()));
      tamper(pkg);
      let sdk: boolean;
      try {
        sdk = sdkVerifies(pkg);
      } catch {
        sdk = false;
      }
      expect(sdk).toBe(false);
      expect(verifySignedReport(pkg, { signer: wallet.address, network: devnet }).ok).toBe(false);
    });
  }

  it('a uid recomputed after tampering still fails on the signature', async () => {
    const pkg: any = structuredClone(await sign(sampleReport()));
    pkg.sig.message.time += 1n;
    pkg.sig.uid = eas.Offchain.getOffchainUID(2, pkg.sig.message.schema, pkg.sig.message.recipient, pkg.sig.message.time, 0n, false, pkg.sig.message.refUID, pkg.sig.message.data, pkg.sig.message.salt);
    expect(sdkVerifies(pkg)).toBe(false);
    expect(verifySignedReport(pkg, { signer: wallet.address, network: devnet })).toMatchObject({ ok: false, reason: expect.stringMatching(/signed by 0x/) });
  });

  it('does not verify for another chain id or another EAS contract', async () => {
    const pkg = await sign(sampleReport());
    const otherChain = customNetworkProfile({ chainId: 31338, easAddress: devnet.easAddress, easVersion: devnet.easVersion });
    expect(() => sdkVerifies(pkg, otherChain)).toThrow(); // the SDK throws InvalidDomain
    expect(verifySignedReport(pkg, { signer: wallet.address, network: otherChain })).toMatchObject({ ok: false, reason: 'signed for chain 31337, expected 31338' });
    // Rewriting the domain to the other chain breaks the signature.
    const moved: any = structuredClone(pkg);
    moved.sig.domain.chainId = 31338n;
    expect(sdkVerifies(moved, otherChain)).toBe(false);
    expect(verifySignedReport(moved, { signer: wallet.address, network: otherChain }).ok).toBe(false);
    const sepolia = networkProfile('sepolia');
    expect(verifySignedReport(pkg, { signer: wallet.address, network: sepolia }).ok).toBe(false);
  });

  it('does not verify for another signer', async () => {
    const pkg = await sign(sampleReport());
    const stranger = Wallet.createRandom().address;
    expect(sdkVerifies(pkg, devnet, stranger)).toBe(false);
    expect(verifySignedReport(pkg, { signer: stranger, network: devnet })).toMatchObject({ ok: false, reason: expect.stringMatching(/signed by 0x7E5F/) });
  });

  it('says why a malformed package is bad instead of throwing', () => {
    expect(verifySignedReport({ sig: {} } as never, { signer: wallet.address })).toMatchObject({ ok: false, reason: expect.stringMatching(/^malformed package/) });
    expect(() => signedReportFromJson('{"sig":{}}')).toThrow(/not a signed report package/);
  });
});
