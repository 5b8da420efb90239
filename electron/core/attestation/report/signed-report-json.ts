import { z } from 'zod';
import type { SignedReportPackage } from './offchain-attestation';

/**
 * JSON form of a signed report package. JSON has no bigint: chainId, time and expirationTime
 * are written as decimal strings — what eas-sdk's own share format does — and ethers and the
 * SDK read them back as numbers. Key order is fixed, so one package has one byte string.
 */
export function signedReportToJson(pkg: SignedReportPackage): string {
  return JSON.stringify(pkg, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
}

const hex = (bytes: number) => z.string().regex(new RegExp(`^0x[0-9a-fA-F]{${bytes * 2}}$`));
const address = hex(20);
const bytes32 = hex(32);
const uint = z.union([z.bigint(), z.number().int().nonnegative(), z.string().regex(/^[0-9]+$/)]).transform((value) => BigInt(value));

const packageSchema = z.object({
  sig: z.object({
    version: z.number().int(),
    uid: bytes32,
    domain: z.object({ name: z.string(), version: z.string(), chainId: uint, verifyingContract: address }),
    primaryType: z.string(),
    message: z.object({
      version: z.number().int(),
      schema: bytes32,
      recipient: address,
      time: uint,
      expirationTime: uint,
      revocable: z.boolean(),
      refUID: bytes32,
      data: z.string().regex(/^0x([0-9a-fA-F]{2})*$/),
      salt: bytes32,
    }),
    types: z.object({ Attest: z.array(z.object({ name: z.string(), type: z.string() })) }),
    signature: z.object({ v: z.number().int(), r: bytes32, s: bytes32 }),
  }),
  signer: address,
});

/** Parses and shape-checks a package (what it proves is verifySignedReport's job). */
export function signedReportFromJson(json: string | unknown): SignedReportPackage {
  const value = typeof json === 'string' ? (JSON.parse(json) as unknown) : json;
  const parsed = packageSchema.safeParse(value);
  if (!parsed.success) throw new TypeError(`not a signed report package: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  return parsed.data;
}
