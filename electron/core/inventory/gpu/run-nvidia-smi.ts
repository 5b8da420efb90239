import { execFile } from 'node:child_process';

export const DEFAULT_TIMEOUT_MS = 10_000;
/** node-nvidia-smi inherits exec's 1 MiB and overflows on big servers; 64 MiB is far above any real output. */
export const DEFAULT_MAX_BUFFER_BYTES = 64 * 1024 * 1024;

export interface RunOptions {
  timeoutMs?: number;
  maxBufferBytes?: number;
  env?: NodeJS.ProcessEnv;
}

/** How one run of the binary ended; classify-output.ts turns it into a state. */
export type RunOutcome =
  | { kind: 'exited'; exitCode: number | null; signal: string | null; stdout: string; stderr: string; durationMs: number }
  | { kind: 'timeout'; timeoutMs: number; durationMs: number }
  | { kind: 'spawn-failed'; code: string; message: string; durationMs: number }
  | { kind: 'output-too-large'; maxBufferBytes: number; durationMs: number };

/**
 * Runs nvidia-smi once: execFile (no shell, so no quoting and no injection), a hard deadline that
 * SIGKILLs the process — a GPU fallen off the bus leaves nvidia-smi stuck in the kernel, and a
 * polite SIGTERM is not enough — and answers at the deadline even if the pipes stay open.
 */
export function runNvidiaSmi(binary: string, args: readonly string[], options: RunOptions = {}): Promise<RunOutcome> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBufferBytes = options.maxBufferBytes ?? DEFAULT_MAX_BUFFER_BYTES;
  const started = performance.now();
  const elapsed = (): number => performance.now() - started;
  return new Promise((resolve) => {
    let settled = false;
    // Declared below, once the child exists; settle() only runs after that (callbacks are async).
    const settle = (outcome: RunOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    let child: ReturnType<typeof execFile>;
    try {
      child = execFile(binary, [...args], { encoding: 'utf8', maxBuffer: maxBufferBytes, windowsHide: true, env: options.env ?? process.env }, onExit);
    } catch (error) {
      // execFile throws (rather than calling back) for arguments it refuses, e.g. a NUL in the path.
      const failure = error as NodeJS.ErrnoException;
      resolve({ kind: 'spawn-failed', code: failure.code ?? 'EINVAL', message: failure.message, durationMs: elapsed() });
      return;
    }
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      settle({ kind: 'timeout', timeoutMs, durationMs: elapsed() });
    }, timeoutMs);
    // Writing nothing to stdin: nvidia-smi never reads it, and an open stdin can keep a hung child alive.
    child.stdin?.end();

    function onExit(error: Error | null, stdout: string, stderr: string): void {
      if (!error) return settle({ kind: 'exited', exitCode: 0, signal: null, stdout, stderr, durationMs: elapsed() });
      const failure = error as NodeJS.ErrnoException & { code?: string | number; signal?: string | null };
      if (failure.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') return settle({ kind: 'output-too-large', maxBufferBytes, durationMs: elapsed() });
      if (typeof failure.code === 'string') return settle({ kind: 'spawn-failed', code: failure.code, message: failure.message, durationMs: elapsed() });
      settle({ kind: 'exited', exitCode: typeof failure.code === 'number' ? failure.code : null, signal: failure.signal ?? null, stdout, stderr, durationMs: elapsed() });
    }
  });
}
