import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { afterEach } from 'vitest';
import { seededRandom } from './seeded-random';

/**
 * What a faulty RPC endpoint does to one request. Faults marked "after" forward the request first,
 * so the node acts on it (a transaction is broadcast) and only the answer is lost or garbled —
 * the case where a client cannot know whether its transaction went out.
 */
export type RpcFault =
  | 'html-502' // a load balancer's error page
  | 'not-json' // a truncated body
  | 'wrong-id' // a valid JSON-RPC answer to another request
  | 'bad-result' // a result of the wrong shape
  | 'hang' // no answer at all (the client times out)
  | 'reset' // the connection is cut
  | 'after-hang' // forwarded, then no answer
  | 'after-garbage'; // forwarded, then garbage

export interface RpcProxy {
  readonly url: string;
  /** Every request fails with a fault drawn from `faults` with this probability (seeded). */
  setFaults(rate: number, faults: RpcFault[], seed?: number): void;
  /** Refuse connections entirely (the node is down) until back(). */
  down(): Promise<void>;
  back(): Promise<void>;
  readonly stats: { forwarded: number; faulted: Record<string, number> };
  close(): Promise<void>;
}

const badBodies: Record<'html-502' | 'not-json' | 'wrong-id' | 'bad-result', (id: unknown) => { status: number; body: string; type: string }> = {
  'html-502': () => ({ status: 502, body: '<html><body><h1>502 Bad Gateway</h1></body></html>', type: 'text/html' }),
  'not-json': () => ({ status: 200, body: '{"jsonrpc":"2.0","id":', type: 'application/json' }),
  'wrong-id': (id) => ({ status: 200, body: JSON.stringify({ jsonrpc: '2.0', id: typeof id === 'number' ? id + 1000 : 'x', result: '0x1' }), type: 'application/json' }),
  'bad-result': (id) => ({ status: 200, body: JSON.stringify({ jsonrpc: '2.0', id, result: { surprise: true } }), type: 'application/json' }),
};

export function useRpcProxies(): (upstream: string) => Promise<RpcProxy> {
  const open: RpcProxy[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((proxy) => proxy.close()));
  });
  return async (upstream) => {
    let rate = 0;
    let faults: RpcFault[] = [];
    let random = seededRandom(1);
    const stats = { forwarded: 0, faulted: {} as Record<string, number> };
    const sockets = new Set<Socket>();
    const hung = new Set<ServerResponse>();
    const forward = async (body: string) => {
      stats.forwarded += 1;
      const response = await fetch(upstream, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      return { status: response.status, body: await response.text(), type: response.headers.get('content-type') ?? 'application/json' };
    };
    const handle = async (request: IncomingMessage, response: ServerResponse) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks).toString();
      let id: unknown = null;
      try {
        id = (JSON.parse(body) as { id?: unknown }).id;
      } catch {
        // answered below
      }
      const fault = rate > 0 && random() < rate ? faults[Math.floor(random() * faults.length)] : undefined;
      if (fault) stats.faulted[fault] = (stats.faulted[fault] ?? 0) + 1;
      const reply = (answer: { status: number; body: string; type: string }) => {
        response.writeHead(answer.status, { 'content-type': answer.type });
        response.end(answer.body);
      };
      try {
        if (fault === 'hang' || fault === 'after-hang') {
          if (fault === 'after-hang') await forward(body);
          hung.add(response);
          return;
        }
        if (fault === 'reset') {
          request.socket.destroy();
          return;
        }
        if (fault === 'after-garbage') {
          await forward(body);
          reply(badBodies['not-json'](id));
          return;
        }
        if (fault) {
          reply(badBodies[fault](id));
          return;
        }
        reply(await forward(body));
      } catch {
        request.socket.destroy(); // upstream down: so is the proxy
      }
    };
    let server: Server = createServer((request, response) => void handle(request, response));
    const listen = (port: number) =>
      new Promise<number>((resolve, reject) => {
        server.once('error', reject);
        server.on('connection', (socket) => {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
        });
        server.listen(port, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
      });
    const port = await listen(0);
    const stop = () =>
      new Promise<void>((resolve) => {
        for (const response of hung) response.destroy();
        hung.clear();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      });
    const proxy: RpcProxy = {
      url: `http://127.0.0.1:${port}`,
      stats,
      setFaults(nextRate, nextFaults, seed = 1) {
        rate = nextRate;
        faults = nextFaults;
        random = seededRandom(seed);
      },
      down: stop,
      async back() {
        server = createServer((request, response) => void handle(request, response));
        await listen(port);
      },
      close: stop,
    };
    open.push(proxy);
    return proxy;
  };
}
