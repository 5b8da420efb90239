import { describe } from './hex';
import { keccak256Into } from './keccak';
import { encodeLeafInto, leafValues } from './leaf-encoding';
import { LEAF_ENCODED_BYTES, LEAF_TYPES, type AssetLeafInput } from './leaf-format';
import { buildMerkleTree, type MerkleTree } from './merkle-tree';

export interface EpochTree {
  /** bytes32 root for the report (EMPTY_TREE_ROOT without assets). */
  readonly root: string;
  readonly assetCount: number;
  readonly tree: MerkleTree;
  /** Sibling hashes proving input i's leaf under the root. */
  proof(inputIndex: number): string[];
  leafHash(inputIndex: number): string;
  /** Every input's leaf hash, 32 bytes each, in input order. */
  readonly leafHashes: Uint8Array;
}

/**
 * The cryptographic half of closing an epoch: encode every asset's leaf, hash it (OZ standard
 * leaf), build the sorted-pair tree. Inputs keep their order for proof(i); the root does not
 * depend on it. One asset id appears at most once, and every leaf carries the same epoch.
 */
export function buildEpochTree(leaves: readonly AssetLeafInput[]): EpochTree {
  const count = leaves.length;
  const seen = new Set<string>();
  const epoch = leaves[0]?.epoch;
  const encoded = new Uint8Array(count * LEAF_ENCODED_BYTES);
  const encodedView = new DataView(encoded.buffer, encoded.byteOffset, encoded.byteLength);
  const leafHashes = new Uint8Array(count * 32);
  const innerHash = new Uint8Array(32);
  for (let i = 0; i < count; i += 1) {
    const leaf = leaves[i]!;
    if (seen.has(leaf.assetId)) throw new RangeError(`asset ${describe(leaf.assetId)} appears twice in one epoch`);
    seen.add(leaf.assetId);
    if (leaf.epoch !== epoch) throw new RangeError(`asset ${describe(leaf.assetId)}: epoch ${describe(leaf.epoch)} differs from the first leaf's ${describe(epoch)}`);
    const at = i * LEAF_ENCODED_BYTES;
    encodeLeafInto(leaf, encoded, at, encodedView);
    keccak256Into(encoded.subarray(at, at + LEAF_ENCODED_BYTES), innerHash, 0);
    keccak256Into(innerHash, leafHashes, i * 32);
  }
  const tree = buildMerkleTree(leafHashes);
  return { root: tree.root, assetCount: count, tree, proof: (i) => tree.proof(i), leafHash: (i) => tree.leafHash(i), leafHashes };
}

/** JSON-safe leaf values: bigint as decimal strings (OZ's encoder reads them back as uints). */
function jsonValues(leaf: AssetLeafInput): (string | number | boolean)[] {
  return leafValues(leaf).map((value) => (typeof value === 'bigint' ? value.toString() : value));
}

/**
 * The tree in OZ's `standard-v1` dump format: `StandardMerkleTree.load(dump)` in an auditor's
 * script gives back the same tree, root and proofs with OZ's own code.
 */
export function toStandardTreeDump(leaves: readonly AssetLeafInput[], epochTree: EpochTree) {
  if (epochTree.assetCount !== leaves.length) throw new RangeError('the tree was not built from these leaves');
  return {
    format: 'standard-v1' as const,
    leafEncoding: [...LEAF_TYPES],
    tree: epochTree.tree.nodes(),
    values: leaves.map((leaf, i) => ({ value: jsonValues(leaf), treeIndex: epochTree.tree.treeIndex(i) })),
  };
}
