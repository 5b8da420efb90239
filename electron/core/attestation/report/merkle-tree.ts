import { bytesToHex, hexToBytes32, ZERO_BYTES32 } from './hex';
import { keccak256Bytes, keccak256Into } from './keccak';

/**
 * The OpenZeppelin merkle-tree layout, reimplemented on one flat buffer with the fast keccak
 * (OZ's own StandardMerkleTree.of is ~80× slower than a bare build; docs/benchmarks.md):
 * - leaves are sorted by hash, ascending (OZ's default `sortLeaves: true`), so the root does
 *   not depend on the order the assets were read in;
 * - the tree is OZ's array ("heap") layout: 2n-1 nodes, node i has children 2i+1 and 2i+2,
 *   the sorted leaves fill the array from the end (leaf 0 at index 2n-2);
 * - an internal node is keccak256 of its two children concatenated smaller-first (sorted
 *   pairs), as on-chain MerkleProof.verify expects.
 * An empty tree has root bytes32(0): OZ refuses to build one, and no proof can verify against
 * a zero root (a leaf would have to be a keccak preimage of zero).
 */
export const EMPTY_TREE_ROOT = ZERO_BYTES32;

export interface MultiProof {
  /** Input indices of the proven leaves, in the order a verifier must take them. */
  indices: number[];
  leafHashes: string[];
  proof: string[];
  proofFlags: boolean[];
}

export interface MerkleTree {
  readonly root: string;
  /** Number of leaves. */
  readonly size: number;
  /** The leaf hash of input i (inputs keep their order; the tree sorts internally). */
  leafHash(inputIndex: number): string;
  /** Position of input i in the array layout (what OZ calls treeIndex). */
  treeIndex(inputIndex: number): number;
  /** Sibling hashes from the leaf up: OZ's getProof / on-chain MerkleProof.verify. */
  proof(inputIndex: number): string[];
  /** OZ's getMultiProof / MerkleProof.multiProofVerify. */
  multiProof(inputIndices: number[]): MultiProof;
  /** Every node in the array layout, as OZ's dump() lists them in `tree`. */
  nodes(): string[];
}

function compareNodes(buffer: Uint8Array, a: number, b: number): number {
  for (let i = 0; i < 32; i += 1) {
    const diff = buffer[a + i]! - buffer[b + i]!;
    if (diff !== 0) return diff;
  }
  return 0;
}

/** Leaf order: ascending by hash. The first 4 bytes as a number decide nearly every comparison. */
function sortedLeafOrder(leafHashes: Uint8Array, count: number): Uint32Array {
  const view = new DataView(leafHashes.buffer, leafHashes.byteOffset, leafHashes.byteLength);
  const prefixes = new Float64Array(count);
  for (let i = 0; i < count; i += 1) prefixes[i] = view.getUint32(i * 32);
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i += 1) order[i] = i;
  return order.sort((a, b) => prefixes[a]! - prefixes[b]! || compareNodes(leafHashes, a * 32, b * 32));
}

const siblingIndex = (index: number) => (index % 2 === 1 ? index + 1 : index - 1);
const parentIndex = (index: number) => (index - 1) >> 1;

function leafCount(leafHashes: Uint8Array): number {
  if (leafHashes.byteLength % 32 !== 0) throw new RangeError('leaf hashes must be a multiple of 32 bytes');
  return leafHashes.byteLength / 32;
}

/** 32 bytes from one buffer to another (a loop: subarray + set would allocate a view per node). */
function copy32(source: Uint8Array, from: number, target: Uint8Array, to: number): void {
  for (let i = 0; i < 32; i += 1) target[to + i] = source[from + i]!;
}

/**
 * Fills nodes[0 .. (2n-1)·32) with the tree over n ≥ 1 leaf hashes (the sorted leaves from the
 * end, then every internal node up to the root at 0), using pair (64 bytes) as scratch; returns
 * the sorted order (position → input). buildMerkleTree and merkleRoot both build with this.
 */
function fillNodes(leafHashes: Uint8Array, size: number, nodes: Uint8Array, pair: Uint8Array): Uint32Array {
  const nodeCount = 2 * size - 1;
  const order = sortedLeafOrder(leafHashes, size);
  for (let position = 0; position < size; position += 1) copy32(leafHashes, order[position]! * 32, nodes, (nodeCount - 1 - position) * 32);
  for (let index = nodeCount - 1 - size; index >= 0; index -= 1) {
    const left = (2 * index + 1) * 32;
    const right = left + 32;
    const leftFirst = compareNodes(nodes, left, right) <= 0;
    copy32(nodes, leftFirst ? left : right, pair, 0);
    copy32(nodes, leftFirst ? right : left, pair, 32);
    keccak256Into(pair, nodes, index * 32);
  }
  return order;
}

let rootNodes = new Uint8Array(32 * 63);
const rootPair = new Uint8Array(64);

/**
 * The root buildMerkleTree(leafHashes).root would give, without the tree object: what a
 * verifier needs for every report (scratch buffers reused between calls).
 */
export function merkleRoot(leafHashes: Uint8Array): string {
  const size = leafCount(leafHashes);
  if (size === 0) return EMPTY_TREE_ROOT;
  if (rootNodes.length < (2 * size - 1) * 32) rootNodes = new Uint8Array((2 * size - 1) * 32);
  fillNodes(leafHashes, size, rootNodes, rootPair);
  return bytesToHex(rootNodes.subarray(0, 32));
}

/**
 * Builds the tree over n leaf hashes packed in one buffer (32 bytes each, input order).
 * keccak is called n-1 times; everything else is copying bytes.
 */
export function buildMerkleTree(leafHashes: Uint8Array): MerkleTree {
  const size = leafCount(leafHashes);
  if (size === 0) return emptyTree();
  const nodeCount = 2 * size - 1;
  const nodes = new Uint8Array(nodeCount * 32);
  const order = fillNodes(leafHashes, size, nodes, new Uint8Array(64));
  const treeIndexOfInput = new Uint32Array(size);
  for (let position = 0; position < size; position += 1) treeIndexOfInput[order[position]!] = nodeCount - 1 - position;

  const nodeHex = (index: number) => bytesToHex(nodes.subarray(index * 32, index * 32 + 32));
  const checkInput = (inputIndex: number) => {
    if (!Number.isInteger(inputIndex) || inputIndex < 0 || inputIndex >= size) throw new RangeError(`no leaf ${inputIndex} in a tree of ${size}`);
    return treeIndexOfInput[inputIndex]!;
  };

  return {
    root: nodeHex(0),
    size,
    leafHash: (inputIndex) => nodeHex(checkInput(inputIndex)),
    treeIndex: (inputIndex) => checkInput(inputIndex),
    proof(inputIndex) {
      const proof: string[] = [];
      for (let index = checkInput(inputIndex); index > 0; index = parentIndex(index)) proof.push(nodeHex(siblingIndex(index)));
      return proof;
    },
    multiProof(inputIndices) {
      const inputOf = new Map<number, number>();
      for (const inputIndex of inputIndices) {
        const index = checkInput(inputIndex);
        if (inputOf.has(index)) throw new RangeError(`leaf ${inputIndex} asked for twice`);
        inputOf.set(index, inputIndex);
      }
      // OZ's getMultiProof: walk up from the deepest indices, taking a sibling from the proof
      // only when it is not itself on the way.
      const treeIndices = [...inputOf.keys()].sort((a, b) => b - a);
      const stack = [...treeIndices];
      const proof: string[] = [];
      const proofFlags: boolean[] = [];
      while (stack.length > 0 && stack[0]! > 0) {
        const index = stack.shift()!;
        const sibling = siblingIndex(index);
        if (sibling === stack[0]) {
          proofFlags.push(true);
          stack.shift();
        } else {
          proofFlags.push(false);
          proof.push(nodeHex(sibling));
        }
        stack.push(parentIndex(index));
      }
      if (treeIndices.length === 0) proof.push(nodeHex(0));
      return { indices: treeIndices.map((index) => inputOf.get(index)!), leafHashes: treeIndices.map(nodeHex), proof, proofFlags };
    },
    nodes: () => Array.from({ length: nodeCount }, (_, index) => nodeHex(index)),
  };
}

function emptyTree(): MerkleTree {
  const none = (inputIndex: number): never => {
    throw new RangeError(`no leaf ${inputIndex} in an empty tree`);
  };
  return {
    root: EMPTY_TREE_ROOT,
    size: 0,
    leafHash: none,
    treeIndex: none,
    proof: none,
    multiProof: (inputIndices) => (inputIndices.length === 0 ? { indices: [], leafHashes: [], proof: [], proofFlags: [] } : none(inputIndices[0]!)),
    nodes: () => [],
  };
}

function hashPair(a: Uint8Array, b: Uint8Array): Uint8Array {
  const pair = new Uint8Array(64);
  pair.set(a, 0);
  pair.set(b, 32);
  if (compareNodes(pair, 0, 32) > 0) {
    pair.set(b, 0);
    pair.set(a, 32);
  }
  return keccak256Bytes(pair);
}

/** The root a proof leads to from a leaf hash (OZ processProof / MerkleProof.processProof). */
export function processProof(leafHash: string, proof: string[]): string {
  return bytesToHex(proof.reduce((node, sibling, step) => hashPair(node, hexToBytes32(sibling, `proof[${step}]`)), hexToBytes32(leafHash, 'leaf hash')));
}

export function verifyProof(root: string, leafHash: string, proof: string[]): boolean {
  return root !== EMPTY_TREE_ROOT && processProof(leafHash, proof) === root.toLowerCase();
}

/** OZ processMultiProof / MerkleProof.processMultiProof. */
export function processMultiProof(multiProof: Pick<MultiProof, 'leafHashes' | 'proof' | 'proofFlags'>): string {
  const { leafHashes, proof, proofFlags } = multiProof;
  if (proof.length < proofFlags.filter((flag) => !flag).length || leafHashes.length + proof.length !== proofFlags.length + 1) throw new RangeError('multiproof does not fit its leaves');
  const stack = leafHashes.map((hash, index) => hexToBytes32(hash, `leafHashes[${index}]`));
  const siblings = proof.map((hash, index) => hexToBytes32(hash, `proof[${index}]`));
  for (const flag of proofFlags) {
    const a = stack.shift()!;
    const b = flag ? stack.shift()! : siblings.shift()!;
    stack.push(hashPair(a, b));
  }
  return bytesToHex(stack.pop() ?? siblings.shift()!);
}

export function verifyMultiProof(root: string, multiProof: Pick<MultiProof, 'leafHashes' | 'proof' | 'proofFlags'>): boolean {
  return root !== EMPTY_TREE_ROOT && processMultiProof(multiProof) === root.toLowerCase();
}
