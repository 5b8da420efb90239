import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export const LOCK_FILE = 'sietch.lock';

export interface LockOwner {
  pid: number;
  command: string;
  hostname: string;
  startedAt: string;
  /** Set by `serve` once it listens, so the refusal can point at the running console. */
  url?: string | undefined;
}

export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
  constructor(readonly dataDir: string, readonly owner: LockOwner) {
    const where = owner.url ? `, serving ${owner.url.replace(/token=[^&]+/, 'token=…')}` : '';
    super(`the data directory ${dataDir} is already in use by "sietch ${owner.command}" (pid ${owner.pid} on ${owner.hostname}, since ${owner.startedAt}${where}). Stop it first, or pass another --data-dir.`);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else — still alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(file: string): LockOwner | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LockOwner;
  } catch {
    return null; // half-written or unreadable: treated as stale
  }
}

export interface DataDirLock {
  readonly owner: LockOwner;
  /** Adds the URL the owner serves on, for the message a second process prints. */
  update(patch: Partial<Pick<LockOwner, 'url'>>): void;
  release(): void;
}

/**
 * One process owns a data directory. The lock is a file created with O_EXCL holding the
 * owner's pid; a lock whose pid is gone (a crash, kill -9) on this host is stale and taken over.
 */
export function acquireDataDirLock(dataDir: string, command: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, LOCK_FILE);
  const owner: LockOwner = { pid: process.pid, command, hostname: hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, JSON.stringify(owner));
      closeSync(fd);
      return makeHandle(file, owner);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const existing = readOwner(file);
      if (existing && existing.hostname === owner.hostname && existing.pid !== process.pid && isAlive(existing.pid)) throw new DataDirLockedError(dataDir, existing);
      if (existing && existing.hostname !== owner.hostname) throw new DataDirLockedError(dataDir, existing);
      rmSync(file, { force: true }); // stale: its owner died without releasing
    }
  }
  throw new Error(`could not take the lock ${file}: another process keeps recreating it`);
}

function makeHandle(file: string, owner: LockOwner): DataDirLock {
  let released = false;
  return {
    owner,
    update(patch) {
      Object.assign(owner, patch);
      const fd = openSync(file, 'w', 0o600);
      writeSync(fd, JSON.stringify(owner));
      closeSync(fd);
    },
    release() {
      if (released) return;
      released = true;
      const current = readOwner(file);
      if (current?.pid === owner.pid) rmSync(file, { force: true });
    },
  };
}

/** Who holds the data directory now, if anyone alive does (for `doctor` and status lines). */
export function readLockOwner(dataDir: string): LockOwner | null {
  const owner = readOwner(join(dataDir, LOCK_FILE));
  return owner && (owner.hostname !== hostname() || isAlive(owner.pid)) ? owner : null;
}
