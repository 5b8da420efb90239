import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What one path of the endpoint does: serve a body, fail with a status, send garbage, or hang. */
export type EndpointBehaviour = { body: string } | { status: number; body?: string } | { hang: true } | { stallAfterHeaders: true };

export interface DcgmEndpoint {
  /** `http://127.0.0.1:<port>/<name>/metrics` */
  url(name: string): string;
  /** `127.0.0.1:<port>` */
  address: string;
  set(name: string, behaviour: EndpointBehaviour): void;
  remove(name: string): void;
  /** Requests served per name, to check concurrency and retries. */
  hits: Map<string, number>;
  close(): Promise<void>;
}

/**
 * A local stand-in for many dcgm-exporter endpoints on one port (127.0.0.1 only): each host is a
 * path `/<name>/metrics` whose behaviour a test sets and changes between sweeps.
 */
export async function startDcgmEndpoint(initial: Record<string, EndpointBehaviour> = {}): Promise<DcgmEndpoint> {
  const behaviours = new Map(Object.entries(initial));
  const hits = new Map<string, number>();
  const hanging = new Set<ServerResponse>();
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const match = /^\/([^/]+)\/metrics$/.exec(request.url ?? '');
    const name = match?.[1] ?? '';
    hits.set(name, (hits.get(name) ?? 0) + 1);
    const behaviour = behaviours.get(name);
    if (!behaviour) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    if ('hang' in behaviour) {
      hanging.add(response);
      return;
    }
    if ('stallAfterHeaders' in behaviour) {
      response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      response.write('# HELP DCGM_FI_DEV_GPU_TEMP GPU temperature (in C).\n');
      hanging.add(response);
      return;
    }
    if ('status' in behaviour) {
      response.writeHead(behaviour.status, { 'content-type': 'text/plain' }).end(behaviour.body ?? 'internal error\n');
      return;
    }
    response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }).end(behaviour.body);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (name) => `http://127.0.0.1:${port}/${name}/metrics`,
    address: `127.0.0.1:${port}`,
    set: (name, behaviour) => behaviours.set(name, behaviour),
    remove: (name) => behaviours.delete(name),
    hits,
    close: async () => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
