import { z } from 'zod';

/** Timestamps cross the wire as ISO-8601 UTC strings ("2026-11-24T15:00:00.000Z"). */
export const isoUtc = z.iso.datetime({ offset: false });

/** An empty, strict input: a typo'd field is an error, not silently ignored. */
export const noInput = z.object({}).strict();

/** SHA3/keccak hashes as 0x-prefixed lowercase hex. */
export const hash32 = z.string().regex(/^0x[0-9a-f]{64}$/, 'a 32-byte hash as 0x + 64 lowercase hex digits');

/** Asset ids are stable strings (see docs/asset-ids.md); they never change. */
export const assetId = z.string().regex(/^(host|gpu|robot):.+$/, 'an asset id such as host:<uuid>, gpu:<uuid> or robot:<maker>:<serial>');
