import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactRpcUrl, RpcClient, RpcError } from './rpc-client';

/** A fetch that answers every call with `body` (and records the request ids). */
function answering(body: (id: number) => string, status = 200): typeof fetch {
  return (async (_url: string, init: { body: string }) => {
    const { id } = JSON.parse(init.body) as { id: number };
    return new Response(body(id), { status, headers: { 'content-type': 'application/json' } });
  }) as unknown as typeof fetch;
}

const client = (fetchImpl: typeof fetch) => new RpcClient({ url: 'http://127.0.0.1:1', timeoutMs: 200, fetch: fetchImpl });

async function kindOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    return error instanceof RpcError ? error.kind : `other: ${(error as Error).message}`;
  }
}

describe('JSON-RPC client', () => {
  it('parses good answers and shapes', async () => {
    const rpc = client(answering((id) => JSON.stringify({ jsonrpc: '2.0', id, result: '0x7a69' })));
    expect(await rpc.chainId()).toBe(31337n);
  });

  it('classifies garbage, wrong ids, error objects and timeouts, and counts them', async () => {
    expect(await kindOf(client(answering(() => '<html>502</html>', 502)).chainId())).toBe('garbage');
    expect(await kindOf(client(answering(() => '{"jsonrpc":"2.0","id":')).chainId())).toBe('garbage');
    expect(await kindOf(client(answering((id) => JSON.stringify({ jsonrpc: '2.0', id: id + 1, result: '0x1' }))).chainId())).toBe('garbage');
    expect(await kindOf(client(answering((id) => JSON.stringify({ jsonrpc: '2.0', id, result: { no: 1 } }))).blockNumber())).toBe('garbage');
    expect(await kindOf(client(answering((id) => JSON.stringify({ jsonrpc: '2.0', id }))).blockNumber())).toBe('garbage');
    const refused = client(answering((id) => JSON.stringify({ jsonrpc: '2.0', id, error: { code: -32003, message: 'replacement transaction underpriced' } })));
    await expect(refused.sendRawTransaction('0x01')).rejects.toMatchObject({ kind: 'rpc', code: -32003, message: 'eth_sendRawTransaction: replacement transaction underpriced' });
    const reverted = client(answering((id) => JSON.stringify({ jsonrpc: '2.0', id, error: { code: 3, message: 'execution reverted', data: '0xc5723b51' } })));
    await expect(reverted.estimateGas({ from: '0x0', to: '0x0', data: '0x' })).rejects.toMatchObject({ kind: 'rpc', data: '0xc5723b51' });
    const never = client(((_url: string, init: { signal: AbortSignal }) => new Promise((_resolve, reject) => init.signal.addEventListener('abort', () => reject(init.signal.reason)))) as unknown as typeof fetch);
    expect(await kindOf(never.chainId())).toBe('timeout');
    expect(never.counters).toMatchObject({ calls: 1, timeout: 1 });
    const down = client((async () => {
      throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    }) as unknown as typeof fetch);
    expect(await kindOf(down.chainId())).toBe('unreachable');
  });

  it('never throws anything but an RpcError, whatever the body (fuzz)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((value) => JSON.stringify({ jsonrpc: '2.0', id: 1, result: value }))), async (body) => {
        const rpc = client(answering(() => body));
        for (const call of [() => rpc.chainId(), () => rpc.getBlock('latest'), () => rpc.getTransactionReceipt(`0x${'1'.repeat(64)}`), () => rpc.getLogs({ address: '0x0', topics: [], fromBlock: 0n, toBlock: 1n })]) {
          const kind = await kindOf(call());
          expect(['ok', 'garbage', 'rpc']).toContain(kind);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('shows RPC URLs without the key in their path or query', () => {
    expect(redactRpcUrl('https://eth-sepolia.g.alchemy.com/v2/SECRETKEY')).toBe('https://eth-sepolia.g.alchemy.com/…');
    expect(redactRpcUrl('https://user:pass@rpc.example?key=1')).toBe('https://rpc.example/…');
    expect(redactRpcUrl('http://127.0.0.1:8545')).toBe('http://127.0.0.1:8545');
  });
});
