/**
 * Keccak-256 of short inputs in one WebAssembly call, into a caller's buffer, no allocation.
 * The verifier hashes ~28 short messages a report (leaves twice, the tree, the digest, the UID);
 * through hash-wasm's hasher each costs init + update + digest (three crossings, each through
 * the `exports` getter) and three small allocations, about as much as the permutation itself.
 * Here the module is written out below (keccak-f[1600] from FIPS 202, nothing else: the padding
 * is written by JavaScript, which knows the length), compiled synchronously at load (1.3 kB,
 * under the 4 kB browsers compile synchronously), and one call absorbs a whole padded message
 * and leaves the digest at memory[0..32). Tests check it against ethers and hash-wasm on inputs
 * of every length up to 4 blocks.
 */

const RATE = 136;
/** Where messages are written (the digest lives at 0, the round constants at 200). */
const INPUT_AT = 512;
const PAGE = 65_536;
/** Longest message hashed here; longer ones go the general way (keccak.ts). */
export const KECCAK_WASM_MAX_INPUT = PAGE - INPUT_AT - RATE;

function roundConstants(): bigint[] {
  // The LFSR of FIPS 202 §3.2.5 (rc(t)): bit 2^j - 1 of round i's constant is rc(j + 7i).
  let lfsr = 1;
  const next = (): number => {
    const bit = lfsr & 1;
    lfsr = (lfsr << 1) ^ (lfsr & 0x80 ? 0x71 : 0);
    lfsr &= 0xff;
    return bit;
  };
  const constants: bigint[] = [];
  for (let round = 0; round < 24; round += 1) {
    let value = 0n;
    for (let j = 0; j < 7; j += 1) if (next()) value |= 1n << BigInt((1 << j) - 1);
    constants.push(value);
  }
  return constants;
}

/** rho's rotation of lane x + 5y, and pi's destination of it (FIPS 202 §3.2.2–3). */
function rhoPi(): { rotation: number[]; destination: number[] } {
  const rotation = new Array<number>(25).fill(0);
  let x = 1;
  let y = 0;
  for (let t = 0; t < 24; t += 1) {
    rotation[x + 5 * y] = (((t + 1) * (t + 2)) / 2) % 64;
    [x, y] = [y, (2 * x + 3 * y) % 5];
  }
  const destination = new Array<number>(25);
  for (let lx = 0; lx < 5; lx += 1) for (let ly = 0; ly < 5; ly += 1) destination[lx + 5 * ly] = ly + 5 * ((2 * lx + 3 * ly) % 5);
  return { rotation, destination };
}

const unsignedLeb = (value: number): number[] => {
  const bytes: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (value !== 0);
  return bytes;
};
const signedLeb = (value: number): number[] => {
  const bytes: number[] = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    if ((value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0)) return [...bytes, byte];
    bytes.push(byte | 0x80);
  }
};
const section = (id: number, body: number[]): number[] => [id, ...unsignedLeb(body.length), ...body];
const name = (text: string): number[] => [...unsignedLeb(text.length), ...Buffer.from(text, 'latin1')];

// Opcodes used.
const LOCAL_GET = 0x20;
const LOCAL_SET = 0x21;
const I32_CONST = 0x41;
const I64_CONST = 0x42;
const I64_LOAD = 0x29;
const I64_STORE = 0x37;
const I64_AND = 0x83;
const I64_XOR = 0x85;
const I64_ROTL = 0x89;
const I32_ADD = 0x6a;
const I32_SUB = 0x6b;
const I32_NE = 0x47;
const LOOP = 0x03;
const BR_IF = 0x0d;
const END = 0x0b;
const VOID = 0x40;

/** keccak(ptr, blocks): absorbs `blocks` padded blocks at ptr into a zero state, permuting after each; the first 32 state bytes at 0. */
function moduleBytes(): Uint8Array {
  const { rotation, destination } = rhoPi();
  // Locals: 0 ptr, 1 blocks (params); a[25] 2..26, b[25] 27..51, c[5] 52..56, d 57 (i64); round 58 (i32).
  const a = (lane: number) => 2 + lane;
  const b = (lane: number) => 27 + lane;
  const c = (x: number) => 52 + x;
  const d = 57;
  const round = 58;
  const code: number[] = [];
  const get = (local: number) => code.push(LOCAL_GET, local);
  const set = (local: number) => code.push(LOCAL_SET, local);

  code.push(LOOP, VOID); // per block
  for (let lane = 0; lane < RATE / 8; lane += 1) {
    get(a(lane));
    get(0);
    code.push(I64_LOAD, 3, ...unsignedLeb(lane * 8), I64_XOR);
    set(a(lane));
  }
  code.push(I32_CONST, 0);
  set(round);
  code.push(LOOP, VOID); // per round (a loop: the 24 rounds written out ran 2× slower in V8)
  // theta
  for (let x = 0; x < 5; x += 1) {
    get(a(x));
    for (let y = 1; y < 5; y += 1) {
      get(a(x + 5 * y));
      code.push(I64_XOR);
    }
    set(c(x));
  }
  for (let x = 0; x < 5; x += 1) {
    get(c((x + 4) % 5));
    get(c((x + 1) % 5));
    code.push(I64_CONST, 1, I64_ROTL, I64_XOR);
    set(d);
    for (let y = 0; y < 5; y += 1) {
      get(a(x + 5 * y));
      get(d);
      code.push(I64_XOR);
      set(a(x + 5 * y));
    }
  }
  // rho and pi
  for (let lane = 0; lane < 25; lane += 1) {
    get(a(lane));
    if (rotation[lane] !== 0) code.push(I64_CONST, ...signedLeb(rotation[lane]!), I64_ROTL);
    set(b(destination[lane]!));
  }
  // chi
  for (let y = 0; y < 5; y += 1) {
    for (let x = 0; x < 5; x += 1) {
      get(b(x + 5 * y));
      get(b(((x + 1) % 5) + 5 * y));
      code.push(I64_CONST, ...signedLeb(-1), I64_XOR);
      get(b(((x + 2) % 5) + 5 * y));
      code.push(I64_AND, I64_XOR);
      set(a(x + 5 * y));
    }
  }
  // iota: the round constant from the table at 200
  get(a(0));
  get(round);
  code.push(I64_LOAD, 3, ...unsignedLeb(200), I64_XOR);
  set(a(0));
  get(round);
  code.push(I32_CONST, 8, I32_ADD);
  set(round);
  get(round);
  code.push(I32_CONST, ...signedLeb(192), I32_NE, BR_IF, 0, END); // next round
  get(0);
  code.push(I32_CONST, ...signedLeb(RATE), I32_ADD);
  set(0);
  get(1);
  code.push(I32_CONST, 1, I32_SUB);
  set(1);
  get(1);
  code.push(BR_IF, 0, END); // next block
  for (let lane = 0; lane < 4; lane += 1) {
    code.push(I32_CONST, 0);
    get(a(lane));
    code.push(I64_STORE, 3, ...unsignedLeb(lane * 8));
  }
  code.push(END);

  const body = [2, 56, 0x7e, 1, 0x7f, ...code];
  const constants = new Uint8Array(24 * 8);
  const view = new DataView(constants.buffer);
  roundConstants().forEach((value, index) => view.setBigUint64(index * 8, value, true));
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 2, 0x7f, 0x7f, 0]),
    ...section(3, [1, 0]),
    ...section(5, [1, 0x00, 1]),
    ...section(7, [2, ...name('memory'), 0x02, 0, ...name('keccak'), 0x00, 0]),
    ...section(10, [1, ...unsignedLeb(body.length), ...body]),
    ...section(11, [1, 0x00, I32_CONST, ...signedLeb(200), END, ...unsignedLeb(constants.length), ...constants]),
  ]);
}

interface KeccakInstance {
  keccak(ptr: number, blocks: number): void;
  memory: Uint8Array;
  digest: Uint8Array;
}

/** The part of the WebAssembly global used here (this project's TypeScript libs do not declare it). */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
}

function instantiate(): KeccakInstance | null {
  const api = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
  if (!api) return null;
  try {
    const exports = new api.Instance(new api.Module(moduleBytes())).exports as { keccak(ptr: number, blocks: number): void; memory: { buffer: ArrayBuffer } };
    // The memory never grows, so these views stay valid.
    return { keccak: exports.keccak, memory: new Uint8Array(exports.memory.buffer), digest: new Uint8Array(exports.memory.buffer, 0, 32) };
  } catch {
    return null;
  }
}

const wasm = instantiate();

/** Whether this runtime has the one-call keccak (else keccak.ts uses hash-wasm or ethers). */
export const hasWasmKeccak = wasm !== null;

/**
 * keccak256(data) written at target[offset .. offset + 32); data at most KECCAK_WASM_MAX_INPUT
 * bytes, and `hasWasmKeccak` true (keccak.ts checks both).
 */
export function wasmKeccak256Into(data: Uint8Array, target: Uint8Array, offset: number): void {
  const { memory, keccak, digest } = wasm!;
  const length = data.length;
  const blocks = Math.floor(length / RATE) + 1;
  const end = INPUT_AT + blocks * RATE;
  memory.set(data, INPUT_AT);
  memory.fill(0, INPUT_AT + length, end);
  // Keccak's pad10*1 with the 0x01 domain byte (not SHA-3's 0x06); one byte 0x81 when they meet.
  memory[INPUT_AT + length] = 0x01;
  memory[end - 1]! |= 0x80;
  keccak(INPUT_AT, blocks);
  target.set(digest, offset);
}
