import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach } from 'vitest';
import { SIETCH_BIN, waitForExit } from './sietch-process';

export interface DevnetHandle {
  child: ChildProcess;
  info: { rpcUrl: string; chainId: number; easAddress: string; schemaUid: string; deployed: boolean; schemaRegistered: boolean; fundedWei: string; [key: string]: unknown };
  /** SIGTERM: anvil saves the chain, the command exits 0. */
  stop(): Promise<number | null>;
}

/** Starts the built `sietch devnet --json` and resolves with its one JSON document once the chain is ready; stopped after the test. */
export function useDevnetProcesses(): (dataDir: string, args?: string[]) => Promise<DevnetHandle> {
  const running: ChildProcess[] = [];
  afterEach(async () => {
    for (const child of running.splice(0)) {
      child.kill('SIGTERM');
      await waitForExit(child);
    }
  });
  return (dataDir, args = []) => {
    const child = spawn(process.execPath, [SIETCH_BIN, 'devnet', '--json', '--block-time', '0.5', '--data-dir', dataDir, ...(args.includes('--port') ? [] : ['--port', '0']), ...args], { env: { ...process.env, SIETCH_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
    running.push(child);
    let stdout = '';
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`devnet did not start within 40 s; stderr: ${stderr}`)), 40_000);
      child.stdout!.on('data', (chunk) => {
        stdout += chunk;
        try {
          const info = JSON.parse(stdout) as DevnetHandle['info'];
          clearTimeout(timer);
          resolve({
            child,
            info,
            stop: async () => {
              child.kill('SIGTERM');
              return (await waitForExit(child)).code;
            },
          });
        } catch {
          // not the whole document yet
        }
      });
      child.on('exit', (code) => reject(new Error(`devnet exited with ${code}; stderr: ${stderr}`)));
    });
  };
}
