import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const SIETCH_BIN = fileURLToPath(new URL('../../bin/sietch.js', import.meta.url));

export interface ServeHandle {
  child: ChildProcess;
  url: string;
  urlWithToken: string;
  token: string;
  stderr: () => string;
}

/** Starts the built `sietch serve --json` as a real process and waits for its one JSON line. */
export function startServe(dataDir: string, extraArgs: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<ServeHandle> {
  const child = spawn(process.execPath, [SIETCH_BIN, 'serve', '--json', '--port', '0', '--data-dir', dataDir, ...extraArgs], { env: { ...process.env, SIETCH_LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start within 20 s; stderr: ${stderr}`)), 20_000);
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      try {
        const started = JSON.parse(stdout) as { url: string; urlWithToken: string };
        clearTimeout(timer);
        resolve({ child, url: started.url, urlWithToken: started.urlWithToken, token: new URL(started.urlWithToken).searchParams.get('token')!, stderr: () => stderr });
      } catch {
        // not the whole document yet
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before printing its URL; stderr: ${stderr}`));
    });
  });
}

export function waitForExit(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/** Runs a one-shot `sietch …` command to completion. */
export function runSietch(args: string[], env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [SIETCH_BIN, ...args], { env: { ...process.env, SIETCH_LOG_LEVEL: 'warn', ...env }, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Calls a method of a running `sietch serve` with its token; throws with the error body on a refusal. */
export async function apiResult(serve: Pick<ServeHandle, 'url' | 'token'>, method: string, input: unknown = {}): Promise<any> {
  const response = await fetch(`${serve.url}api/call/${method}`, { method: 'POST', headers: { authorization: `Bearer ${serve.token}`, 'content-type': 'application/json' }, body: JSON.stringify(input) });
  const body = (await response.json()) as { result?: unknown; error?: unknown };
  if (!response.ok) throw new Error(`${method}: ${JSON.stringify(body)}`);
  return body.result;
}
