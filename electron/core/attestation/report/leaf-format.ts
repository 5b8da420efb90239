/**
 * One Merkle leaf per asset and epoch, in the OpenZeppelin merkle-tree "standard" format:
 * leaf = keccak256(bytes.concat(keccak256(abi.encode(values)))). The fields and their Solidity
 * types are declared once, here; the encoder, the OZ cross-check, the docs and any on-chain
 * verifier follow this order. Every type is static (fixed 32-byte word), so abi.encode is just
 * the words side by side — cheap to encode for 100,000 assets and cheap as calldata.
 * Changing this list changes every root: only ever append a field with a new format version.
 */
export const LEAF_FIELDS = [
  /** keccak256(utf8(asset id)), e.g. of "gpu:GPU-5e1c…" — fixed size, unlike the id string. */
  { name: 'assetId', type: 'bytes32' },
  /** ASSET_KIND_CODES */
  { name: 'kind', type: 'uint8' },
  /** The report's sequence number: the leaf cannot be replayed into another epoch. */
  { name: 'epoch', type: 'uint64' },
  /** Share of the epoch the node itself was running and sampling (0..10000). */
  { name: 'observedBps', type: 'uint16' },
  /** Share of expected samples in which the asset was present and healthy (0..10000). */
  { name: 'uptimeBps', type: 'uint16' },
  { name: 'meanUtilBps', type: 'uint16' },
  { name: 'p95UtilBps', type: 'uint16' },
  { name: 'energyWh', type: 'uint64' },
  /** HEALTH_FLAG_BITS */
  { name: 'healthFlags', type: 'uint32' },
  /** The serial/UUID read during the epoch is the registered one. */
  { name: 'identityOk', type: 'bool' },
  /** keccak256(utf8(RFC 8785 canonical JSON of the registered identity)). */
  { name: 'identityHash', type: 'bytes32' },
  /** Revenue attributed to the asset in the epoch, integer micro-units. */
  { name: 'revenue', type: 'uint256' },
  /** Reserved for hardware-rooted evidence (a later issue): false and zero until then. */
  { name: 'hwAttested', type: 'bool' },
  { name: 'evidenceHash', type: 'bytes32' },
] as const;

export type LeafFieldName = (typeof LEAF_FIELDS)[number]['name'];

/** The Solidity types in order: what OZ's StandardMerkleTree calls the leaf encoding. */
export const LEAF_TYPES: string[] = LEAF_FIELDS.map((field) => field.type);

export const LEAF_ENCODED_BYTES = LEAF_FIELDS.length * 32;

/** uint8 codes of the leaf's `kind`. 0 is never used, so an unset byte is never a valid kind. */
export const ASSET_KIND_CODES = { host: 1, gpu: 2, robot: 3 } as const;
export type LeafAssetKind = keyof typeof ASSET_KIND_CODES;

export const MAX_BPS = 10_000;

/** What the epoch aggregation hands over for one asset. uint64 and money are bigint. */
export interface AssetLeafInput {
  /** The asset id string (docs/asset-ids.md); the leaf holds its keccak256. */
  assetId: string;
  kind: LeafAssetKind;
  /** The report sequence number this leaf belongs to. */
  epoch: bigint;
  observedBps: number;
  uptimeBps: number;
  meanUtilBps: number;
  p95UtilBps: number;
  energyWh: bigint;
  /** encodeHealthFlags([...]) */
  healthFlags: number;
  identityOk: boolean;
  /** identityHashOf(identity): 0x + 64 hex digits. */
  identityHash: string;
  /** Integer micro-units. */
  revenue: bigint;
  /** Reserved; defaults to false. */
  hwAttested?: boolean;
  /** Reserved; defaults to bytes32(0). */
  evidenceHash?: string;
}

/** The leaf as OZ's StandardMerkleTree takes it: values in LEAF_FIELDS order (hex, bigint, number, boolean). */
export type LeafValues = [string, number, bigint, number, number, number, number, bigint, number, boolean, string, bigint, boolean, string];
