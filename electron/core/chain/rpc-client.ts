import { z } from 'zod';

/**
 * Why a call failed, as the publisher needs to know it: `unreachable` and `timeout` say nothing
 * about whether a sent transaction arrived; `garbage` is an answer that is not JSON-RPC (a proxy's
 * HTML page, a truncated body, a wrong id, a result of the wrong shape); `rpc` is a JSON-RPC error
 * object from the node (nonce too low, underpriced, reverted …) with its code, message and data.
 */
export type RpcErrorKind = 'unreachable' | 'timeout' | 'garbage' | 'rpc';

export class RpcError extends Error {
  override name = 'RpcError';
  constructor(
    readonly kind: RpcErrorKind,
    message: string,
    readonly method: string,
    readonly code?: number,
    readonly data?: string,
  ) {
    super(message);
  }
}

const quantity = z.string().regex(/^0x[0-9a-fA-F]+$/, 'not a hex quantity').transform((value) => BigInt(value));
const hash = z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'not a 32-byte hash').transform((value) => value.toLowerCase());
const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'not an address');
const hexData = z.string().regex(/^0x([0-9a-fA-F]{2})*$/, 'not hex data');

const block = z.object({ number: quantity, hash, timestamp: quantity, baseFeePerGas: quantity.optional() });
const log = z.object({ address, topics: z.array(hash), data: hexData, blockNumber: quantity, blockHash: hash, transactionHash: hash, logIndex: quantity, removed: z.boolean().optional() });
const receipt = z.object({ transactionHash: hash, blockNumber: quantity, blockHash: hash, status: quantity, gasUsed: quantity, effectiveGasPrice: quantity.optional(), from: address, to: address.nullable().optional(), logs: z.array(log) });
const transaction = z.object({ hash, nonce: quantity, blockNumber: quantity.nullable().optional(), from: address });
const feeHistory = z.object({ baseFeePerGas: z.array(quantity), reward: z.array(z.array(quantity)).optional() });

export type RpcBlock = z.output<typeof block>;
export type RpcLog = z.output<typeof log>;
export type RpcReceipt = z.output<typeof receipt>;
export type RpcTransaction = z.output<typeof transaction>;
export type BlockTag = 'latest' | 'pending' | bigint;

export interface RpcCounters {
  calls: number;
  unreachable: number;
  timeout: number;
  garbage: number;
  rpc: number;
}

export interface RpcClientOptions {
  url: string;
  timeoutMs: number;
  fetch?: typeof fetch;
}

const tag = (value: BlockTag): string => (typeof value === 'bigint' ? `0x${value.toString(16)}` : value);
const hex = (value: bigint): string => `0x${value.toString(16)}`;

/**
 * A small Ethereum JSON-RPC client over HTTP: one request per call (no batching, so a proxy or a
 * load balancer cannot mix answers), a hard timeout, and every answer checked for shape before
 * anyone uses it — a node or a proxy answering garbage gives a clear RpcError and a counter,
 * never a half-parsed value. ethers' provider retries, polls and caches on its own; the
 * publisher needs to decide those things itself.
 */
export class RpcClient {
  readonly counters: RpcCounters = { calls: 0, unreachable: 0, timeout: 0, garbage: 0, rpc: 0 };
  private nextId = 1;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: RpcClientOptions) {
    this.fetchImpl = options.fetch ?? fetch;
  }

  get url(): string {
    return this.options.url;
  }

  async call(method: string, params: unknown[]): Promise<unknown> {
    const id = this.nextId++;
    this.counters.calls += 1;
    const fail = (kind: RpcErrorKind, message: string, code?: number, data?: string): never => {
      this.counters[kind] += 1;
      throw new RpcError(kind, message, method, code, data);
    };
    let text: string;
    try {
      const response = await this.fetchImpl(this.options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id, method, params }),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      text = await response.text();
      if (!response.ok && !text.trimStart().startsWith('{')) fail('garbage', `${method}: HTTP ${response.status} ${response.statusText}`);
    } catch (error) {
      if (error instanceof RpcError) throw error;
      const name = (error as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError') return fail('timeout', `${method}: no answer within ${this.options.timeoutMs} ms`);
      return fail('unreachable', `${method}: ${describeFetchError(error)}`);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return fail('garbage', `${method}: the answer is not JSON (${JSON.stringify(text.slice(0, 60))}…)`);
    }
    const envelope = z.object({ jsonrpc: z.literal('2.0'), id: z.unknown(), result: z.unknown().optional(), error: z.object({ code: z.number(), message: z.string(), data: z.unknown().optional() }).optional() }).safeParse(body);
    if (!envelope.success) return fail('garbage', `${method}: the answer is not a JSON-RPC 2.0 response`);
    if (envelope.data.id !== id) return fail('garbage', `${method}: the answer is for request ${JSON.stringify(envelope.data.id)}, not ${id}`);
    if (envelope.data.error) {
      const { code, message, data } = envelope.data.error;
      return fail('rpc', `${method}: ${message}`, code, typeof data === 'string' ? data : typeof (data as { data?: unknown } | undefined)?.data === 'string' ? (data as { data: string }).data : undefined);
    }
    if (!('result' in (body as object))) return fail('garbage', `${method}: the answer has neither result nor error`);
    return envelope.data.result;
  }

  private async typed<S extends z.ZodType>(method: string, params: unknown[], schema: S): Promise<z.output<S>> {
    const result = await this.call(method, params);
    const parsed = schema.safeParse(result);
    if (!parsed.success) {
      this.counters.garbage += 1;
      throw new RpcError('garbage', `${method}: unexpected result (${parsed.error.issues[0]?.message ?? 'wrong shape'})`, method);
    }
    return parsed.data;
  }

  chainId(): Promise<bigint> {
    return this.typed('eth_chainId', [], quantity);
  }

  blockNumber(): Promise<bigint> {
    return this.typed('eth_blockNumber', [], quantity);
  }

  getBlock(at: BlockTag): Promise<RpcBlock | null> {
    return this.typed('eth_getBlockByNumber', [tag(at), false], block.nullable());
  }

  getBalance(account: string, at: BlockTag = 'latest'): Promise<bigint> {
    return this.typed('eth_getBalance', [account, tag(at)], quantity);
  }

  getCode(account: string, at: BlockTag = 'latest'): Promise<string> {
    return this.typed('eth_getCode', [account, tag(at)], hexData);
  }

  getTransactionCount(account: string, at: BlockTag): Promise<bigint> {
    return this.typed('eth_getTransactionCount', [account, tag(at)], quantity);
  }

  getTransactionReceipt(txHash: string): Promise<RpcReceipt | null> {
    return this.typed('eth_getTransactionReceipt', [txHash], receipt.nullable());
  }

  getTransaction(txHash: string): Promise<RpcTransaction | null> {
    return this.typed('eth_getTransactionByHash', [txHash], transaction.nullable());
  }

  sendRawTransaction(raw: string): Promise<string> {
    return this.typed('eth_sendRawTransaction', [raw], hash);
  }

  ethCall(request: { from?: string; to: string; data: string }, at: BlockTag = 'latest'): Promise<string> {
    return this.typed('eth_call', [request, tag(at)], hexData);
  }

  estimateGas(request: { from: string; to: string; data: string }): Promise<bigint> {
    return this.typed('eth_estimateGas', [request], quantity);
  }

  maxPriorityFeePerGas(): Promise<bigint> {
    return this.typed('eth_maxPriorityFeePerGas', [], quantity);
  }

  getLogs(filter: { address: string; topics: (string | null)[]; fromBlock: bigint; toBlock: bigint }): Promise<RpcLog[]> {
    return this.typed('eth_getLogs', [{ address: filter.address, topics: filter.topics, fromBlock: hex(filter.fromBlock), toBlock: hex(filter.toBlock) }], z.array(log));
  }

  feeHistory(blocks: number, percentile: number): Promise<z.output<typeof feeHistory>> {
    return this.typed('eth_feeHistory', [hex(BigInt(blocks)), 'latest', [percentile]], feeHistory);
  }
}

function describeFetchError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return `${cause.code}${cause.message ? ` (${cause.message})` : ''}`;
  return (error as Error).message;
}

/** The URL without credentials, path or query: RPC URLs often carry an API key. */
export function redactRpcUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const keyed = parsed.pathname.length > 1 || parsed.search.length > 0;
    return `${parsed.protocol}//${parsed.host}${keyed ? '/…' : ''}`;
  } catch {
    return '(invalid URL)';
  }
}
