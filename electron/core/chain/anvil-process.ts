import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

/**
 * anvil (Foundry's local EVM node) from the dev dependency @foundry-rs/anvil, which ships the
 * binary in a per-platform package. Resolved at run time: an installed product without dev
 * dependencies has no devnet, and says so.
 */
export function findAnvilBinary(env: NodeJS.ProcessEnv = process.env): string | null {
  // SIETCH_ANVIL: an anvil installed elsewhere (foundryup's ~/.foundry/bin/anvil).
  if (env.SIETCH_ANVIL) return existsSync(env.SIETCH_ANVIL) ? env.SIETCH_ANVIL : null;
  const require = createRequire(import.meta.url);
  const platform = `${process.platform === 'win32' ? 'win32' : process.platform}-${process.arch === 'x64' ? 'amd64' : process.arch}`;
  try {
    const pkg = require.resolve(`@foundry-rs/anvil-${platform}/package.json`);
    const binary = join(dirname(pkg), 'bin', process.platform === 'win32' ? 'anvil.exe' : 'anvil');
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/** A free TCP port on 127.0.0.1 (asked of the OS, then released for anvil to take). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface AnvilOptions {
  binary: string;
  port: number;
  /** Seconds between blocks; without it every transaction is mined at once (automine). */
  blockTime?: number | undefined;
  /** The chain survives restarts: loaded from this file at start, written at exit and every stateInterval seconds. */
  stateFile?: string | undefined;
  stateIntervalSeconds?: number | undefined;
  chainId?: number | undefined;
}

export interface AnvilProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** SIGTERM (anvil writes its state file) and wait for the exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts anvil on 127.0.0.1 and waits until it answers JSON-RPC. */
export async function startAnvil(options: AnvilOptions, timeoutMs = 20_000): Promise<AnvilProcess> {
  const args = ['--host', '127.0.0.1', '--port', String(options.port), '--silent'];
  if (options.blockTime !== undefined) args.push('--block-time', String(options.blockTime));
  if (options.stateFile) args.push('--state', options.stateFile, '--preserve-historical-states');
  if (options.stateFile && options.stateIntervalSeconds !== undefined) args.push('--state-interval', String(options.stateIntervalSeconds));
  if (options.chainId !== undefined) args.push('--chain-id', String(options.chainId));
  const child = spawn(options.binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`anvil exited (${child.exitCode}) before answering: ${stderr.trim()}`);
    try {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }), signal: AbortSignal.timeout(1000) });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`anvil did not answer on ${url} within ${timeoutMs} ms: ${stderr.trim()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    child,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
