import { createRequire } from 'node:module';
import fc from 'fast-check';
import { getBytes, Signature, TypedDataEncoder, Wallet } from 'ethers';
import { afterEach, describe, expect, it } from 'vitest';
import { REPORT_SCHEMA_UID } from '../attestation/report/eas-schema';
import { ZERO_BYTES32 } from '../attestation/report/hex';
import { preloadKeccak } from '../attestation/report/keccak';
import { NETWORK_PROFILES, networkProfile } from '../attestation/report/network-profiles';
import { signReportAttestation } from '../attestation/report/offchain-attestation';
import { sampleReport, TEST_PRIVATE_KEY } from '../attestation/report/test-fixtures';
import { attestDigest, digestHex, domainSeparator } from './attest-digest';
import { rawSignature, recoverAddress, signatureBackend, SignatureFormatError, SignerCheck, useEthersSignaturesForTests } from './signature-check';

// Our digest and signer recovery against the independent implementations: ethers'
// TypedDataEncoder for the EIP-712 digest, eas-sdk (CommonJS build) for the whole attestation.
const eas = createRequire(import.meta.url)('@ethereum-attestation-service/eas-sdk');
const wallet = new Wallet(TEST_PRIVATE_KEY);
await preloadKeccak();

afterEach(() => useEthersSignaturesForTests(false));

const hexBytes = (bytes: Uint8Array) => `0x${Buffer.from(bytes).toString('hex')}`;

async function signed(network = networkProfile('local-devnet'), overrides: Parameters<typeof sampleReport>[0] = {}, refUID = ZERO_BYTES32) {
  return signReportAttestation(sampleReport(overrides), { network, refUID }, wallet);
}

function ourDigest(pkg: Awaited<ReturnType<typeof signed>>): Uint8Array {
  const { domain, message } = pkg.sig;
  return attestDigest(domainSeparator(domain), {
    version: message.version,
    schema: getBytes(message.schema),
    recipient: getBytes(message.recipient),
    time: BigInt(message.time),
    expirationTime: BigInt(message.expirationTime),
    revocable: message.revocable,
    refUID: getBytes(message.refUID),
    data: getBytes(message.data),
    salt: getBytes(message.salt),
  });
}

describe('the EIP-712 digest of an EAS offchain attestation, without TypedDataEncoder', () => {
  it("equals ethers' TypedDataEncoder.hash on every network profile", async () => {
    for (const profile of NETWORK_PROFILES) {
      const pkg = await signed(profile);
      expect(digestHex(ourDigest(pkg))).toBe(TypedDataEncoder.hash(pkg.sig.domain, pkg.sig.types, pkg.sig.message));
    }
  });

  it('equals it for arbitrary reports, chained or first (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.bigInt({ min: 1n, max: (1n << 64n) - 1n }), fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }), fc.nat(0xffff_ffff), fc.boolean(), async (sequence, revenue, coverageBps, chained) => {
        const pkg = await signed(networkProfile('base'), { sequence, revenue, coverageBps, prevReportHash: chained ? `0x${'ab'.repeat(32)}` : ZERO_BYTES32 }, chained ? `0x${'cd'.repeat(32)}` : ZERO_BYTES32);
        expect(digestHex(ourDigest(pkg))).toBe(TypedDataEncoder.hash(pkg.sig.domain, pkg.sig.types, pkg.sig.message));
      }),
      { numRuns: 40 },
    );
  });

  it('recovers the signer eas-sdk accepts, with the native binding and with the ethers fallback', async () => {
    expect(signatureBackend()).toBe('libsecp256k1 (native)');
    const offchain = new eas.Offchain({ address: networkProfile('local-devnet').easAddress, version: '1.3.0', chainId: 31337n }, eas.OffchainAttestationVersion.Version2);
    for (let sequence = 1n; sequence <= 5n; sequence += 1n) {
      const pkg = await signed(undefined, { sequence });
      expect(offchain.verifyOffchainAttestationSignature(wallet.address, pkg.sig)).toBe(true);
      const digest = ourDigest(pkg);
      const raw = rawSignature(pkg.sig.signature.r, pkg.sig.signature.s, pkg.sig.signature.v);
      expect(recoverAddress(digest, raw)).toBe(wallet.address);
      const check = new SignerCheck(wallet.address);
      expect(check.check(digest, raw)).toBeNull(); // recovers, keeps the key
      expect(check.check(digest, raw)).toBeNull(); // verifies against the kept key
      useEthersSignaturesForTests(true);
      expect(signatureBackend()).toBe('ethers (pure JS)');
      expect(recoverAddress(digest, raw)).toBe(wallet.address);
      expect(new SignerCheck(wallet.address).check(digest, raw)).toBeNull();
      useEthersSignaturesForTests(false);
    }
  });

  it('names the other signer, natively and with ethers, and refuses a malleated (high-s) signature', async () => {
    const pkg = await signed();
    const digest = ourDigest(pkg);
    const raw = rawSignature(pkg.sig.signature.r, pkg.sig.signature.s, pkg.sig.signature.v);
    const stranger = Wallet.createRandom();
    for (const ethersOnly of [false, true]) {
      useEthersSignaturesForTests(ethersOnly);
      const check = new SignerCheck(stranger.address);
      expect(check.check(digest, raw)).toBe(wallet.address);
      // A check that has learnt the real signer's key names the stranger's signature too.
      const real = new SignerCheck(wallet.address);
      expect(real.check(digest, raw)).toBeNull();
      const strangerDigest = getBytes(TypedDataEncoder.hash(pkg.sig.domain, pkg.sig.types, { ...pkg.sig.message, salt: `0x${'11'.repeat(32)}` }));
      const strangerSig = Signature.from(stranger.signingKey.sign(strangerDigest));
      expect(real.check(strangerDigest, rawSignature(strangerSig.r, strangerSig.s, strangerSig.v))).toBe(stranger.address);
    }
    const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
    const highS = `0x${(n - BigInt(pkg.sig.signature.s)).toString(16).padStart(64, '0')}`;
    expect(() => rawSignature(pkg.sig.signature.r, highS, pkg.sig.signature.v === 27 ? 28 : 27)).toThrow(SignatureFormatError);
    expect(() => rawSignature(pkg.sig.signature.r, pkg.sig.signature.s, 29)).toThrow(/v must be 27 or 28/);
    expect(hexBytes(digest)).toBe(TypedDataEncoder.hash(pkg.sig.domain, pkg.sig.types, pkg.sig.message));
    expect(REPORT_SCHEMA_UID).toBe(pkg.sig.message.schema);
  });
});
