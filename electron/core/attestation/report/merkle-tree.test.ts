import { createHash } from 'node:crypto';
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { concat, keccak256 } from 'ethers';
import { describe, expect, it } from 'vitest';
import { buildEpochTree, toStandardTreeDump } from './epoch-tree';
import { preloadKeccak } from './keccak';
import { leafValues } from './leaf-encoding';
import { LEAF_TYPES } from './leaf-format';
import { buildMerkleTree, EMPTY_TREE_ROOT, merkleRoot, verifyMultiProof, verifyProof } from './merkle-tree';
import { sampleLeaves } from './test-fixtures';

await preloadKeccak();

/** A seeded Fisher-Yates shuffle: the same "random" orders on every run. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i -= 1) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('epoch tree against OpenZeppelin StandardMerkleTree', () => {
  for (const count of [1, 2, 3, 7, 8, 1000]) {
    it(`${count} leaves: same root, OZ accepts every proof, same proof as OZ`, () => {
      const leaves = sampleLeaves(count);
      const ours = buildEpochTree(leaves);
      const values = leaves.map(leafValues);
      const oz = StandardMerkleTree.of(values, LEAF_TYPES);
      expect(ours.root).toBe(oz.root);
      expect(ours.assetCount).toBe(count);
      const step = Math.max(1, Math.floor(count / 50));
      for (let i = 0; i < count; i += step) {
        const proof = ours.proof(i);
        expect(StandardMerkleTree.verify(ours.root, LEAF_TYPES, values[i]!, proof)).toBe(true);
        expect(proof).toEqual(oz.getProof(i));
        expect(verifyProof(ours.root, ours.leafHash(i), proof)).toBe(true);
      }
    });
  }

  it('gives one root whatever order the assets come in (leaves sorted by hash)', () => {
    const leaves = sampleLeaves(37);
    const root = buildEpochTree(leaves).root;
    for (const seed of [1, 2, 3, 99]) {
      const order = shuffled(leaves, seed);
      const tree = buildEpochTree(order);
      expect(tree.root).toBe(root);
      expect(StandardMerkleTree.of(order.map(leafValues), LEAF_TYPES).root).toBe(root);
      expect(StandardMerkleTree.verify(root, LEAF_TYPES, leafValues(order[5]!), tree.proof(5))).toBe(true);
    }
  });

  it('builds multiproofs OZ verifies', () => {
    const leaves = sampleLeaves(100);
    const tree = buildEpochTree(leaves);
    for (const indices of [[0], [3, 97, 41], [10, 11, 12, 13, 14], Array.from({ length: 100 }, (_, i) => i)]) {
      const multi = tree.tree.multiProof(indices);
      expect([...multi.indices].sort((a, b) => a - b)).toEqual([...indices].sort((a, b) => a - b));
      expect(StandardMerkleTree.verifyMultiProof(tree.root, LEAF_TYPES, { leaves: multi.indices.map((i) => leafValues(leaves[i]!)), proof: multi.proof, proofFlags: multi.proofFlags })).toBe(true);
      expect(verifyMultiProof(tree.root, multi)).toBe(true);
    }
  });

  it('dumps in OZ standard-v1 format that OZ loads and validates', () => {
    const leaves = sampleLeaves(9);
    const tree = buildEpochTree(leaves);
    const dump = JSON.parse(JSON.stringify(toStandardTreeDump(leaves, tree)));
    const loaded = StandardMerkleTree.load(dump);
    expect(loaded.root).toBe(tree.root);
    expect(loaded.getProof(4)).toEqual(tree.proof(4));
  });

  it('rejects a proof for a changed leaf or against another root', () => {
    const leaves = sampleLeaves(8);
    const tree = buildEpochTree(leaves);
    const changed = leafValues({ ...leaves[2]!, uptimeBps: leaves[2]!.uptimeBps - 1 });
    expect(StandardMerkleTree.verify(tree.root, LEAF_TYPES, changed, tree.proof(2))).toBe(false);
    expect(verifyProof(tree.root, tree.leafHash(3), tree.proof(2))).toBe(false);
    expect(verifyProof(buildEpochTree(sampleLeaves(8, 43n)).root, tree.leafHash(2), tree.proof(2))).toBe(false);
  });
});

describe('empty and malformed trees', () => {
  it('has the documented empty root, bytes32(0), and no proofs', () => {
    const tree = buildEpochTree([]);
    expect(tree.root).toBe(EMPTY_TREE_ROOT);
    expect(EMPTY_TREE_ROOT).toBe(`0x${'00'.repeat(32)}`);
    expect(tree.assetCount).toBe(0);
    expect(() => tree.proof(0)).toThrow(/empty tree/);
    // OZ refuses an empty tree: the empty root is ours to define, and nothing verifies under it.
    expect(() => StandardMerkleTree.of([], LEAF_TYPES)).toThrow();
    expect(verifyProof(EMPTY_TREE_ROOT, EMPTY_TREE_ROOT, [])).toBe(false);
  });

  it('refuses an asset twice, mixed epochs and a proof index out of range', () => {
    const leaves = sampleLeaves(3);
    expect(() => buildEpochTree([...leaves, leaves[1]!])).toThrow(/appears twice/);
    expect(() => buildEpochTree([leaves[0]!, { ...leaves[1]!, epoch: 43n }])).toThrow(/epoch 43n differs/);
    expect(() => buildEpochTree(leaves).proof(3)).toThrow(/no leaf 3/);
    expect(() => buildMerkleTree(new Uint8Array(33))).toThrow(/multiple of 32/);
  });

  it('a one-leaf tree has the leaf hash as root and an empty proof', () => {
    const tree = buildEpochTree(sampleLeaves(1));
    expect(tree.root).toBe(tree.leafHash(0));
    expect(tree.proof(0)).toEqual([]);
  });
});

/** n pseudo-random leaf hashes (sha256 of a seed and the index: the same on every run), optionally with repeats. */
function leafHashSet(count: number, seed: number, repeatEvery = 0): Uint8Array {
  const hashes = new Uint8Array(count * 32);
  for (let i = 0; i < count; i += 1) {
    const source = repeatEvery > 0 && i % repeatEvery === repeatEvery - 1 ? i - 1 : i;
    hashes.set(createHash('sha256').update(`${seed}:${source}`).digest(), i * 32);
  }
  return hashes;
}

/** OZ's layout spelt out the slow way on hex strings with ethers' keccak: an independent reference for the root. */
function referenceRoot(hashes: Uint8Array): string {
  const leaves = Array.from({ length: hashes.length / 32 }, (_, i) => `0x${Buffer.from(hashes.subarray(i * 32, i * 32 + 32)).toString('hex')}`).sort();
  const tree: string[] = new Array(2 * leaves.length - 1);
  leaves.forEach((leaf, position) => (tree[tree.length - 1 - position] = leaf));
  for (let i = tree.length - 1 - leaves.length; i >= 0; i -= 1) tree[i] = keccak256(concat([tree[2 * i + 1]!, tree[2 * i + 2]!].sort()));
  return tree[0]!;
}

describe('merkleRoot: the verifier\'s root without the tree object', () => {
  for (const count of [1, 2, 3, 5, 7, 8, 9, 16, 17, 100, 257]) {
    it(`${count} random leaf hashes: the same root as buildMerkleTree and as OZ's layout spelt out`, () => {
      for (const seed of [1, 2, 3]) {
        const hashes = leafHashSet(count, seed * 1000 + count);
        const root = merkleRoot(hashes);
        expect(root).toBe(buildMerkleTree(hashes).root);
        expect(root).toBe(referenceRoot(hashes));
      }
    });
  }

  it('repeated leaf hashes (equal pairs) give the reference root too', () => {
    for (const count of [2, 6, 9]) {
      const hashes = leafHashSet(count, 77, 2);
      expect(merkleRoot(hashes)).toBe(referenceRoot(hashes));
    }
  });

  it('the root of an epoch tree: buildEpochTree and OZ give it too, small after large (scratch reused)', () => {
    for (const count of [300, 1, 8, 5, 64, 3]) {
      const epochTree = buildEpochTree(sampleLeaves(count));
      expect(merkleRoot(epochTree.leafHashes)).toBe(epochTree.root);
      expect(merkleRoot(epochTree.leafHashes)).toBe(StandardMerkleTree.of(sampleLeaves(count).map(leafValues), LEAF_TYPES).root);
    }
  });

  it('bytes32(0) without leaves, and refuses a buffer that is not whole hashes', () => {
    expect(merkleRoot(new Uint8Array(0))).toBe(EMPTY_TREE_ROOT);
    expect(() => merkleRoot(new Uint8Array(40))).toThrow(/multiple of 32/);
  });
});
