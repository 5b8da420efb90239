import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../test/support/temp-dir';
import { acquireDataDirLock, DataDirLockedError, LOCK_FILE, readLockOwner } from './data-dir-lock';

const tempDir = useTempDirs();

/** A real process that holds a pid while we need it alive. */
function sleeper() {
  return spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
}

function writeLock(dir: string, pid: number): void {
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid, command: 'serve', hostname: hostname(), startedAt: '2026-11-24T10:00:00.000Z', url: 'http://127.0.0.1:7410/' }));
}

describe('data directory lock', () => {
  it('is held by one owner and released', () => {
    const dir = tempDir();
    const lock = acquireDataDirLock(dir, 'serve');
    expect(readLockOwner(dir)).toMatchObject({ pid: process.pid, command: 'serve' });
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    acquireDataDirLock(dir, 'node').release();
  });

  it('refuses a second owner, naming the running one', async () => {
    const dir = tempDir();
    const child = sleeper();
    try {
      writeLock(dir, child.pid!);
      const attempt = () => acquireDataDirLock(dir, 'serve');
      expect(attempt).toThrow(DataDirLockedError);
      expect(attempt).toThrow(new RegExp(`"sietch serve" \\(pid ${child.pid} on .*serving http://127\\.0\\.0\\.1:7410/`));
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('takes over the lock of an owner killed with -9', async () => {
    const dir = tempDir();
    const child = sleeper();
    writeLock(dir, child.pid!);
    await new Promise((resolve) => {
      child.on('exit', resolve);
      child.kill('SIGKILL');
    });
    expect(readLockOwner(dir)).toBeNull();
    const lock = acquireDataDirLock(dir, 'serve');
    expect(lock.owner.pid).toBe(process.pid);
    lock.release();
  });

  it('treats a half-written lock file as stale', () => {
    const dir = tempDir();
    writeFileSync(join(dir, LOCK_FILE), '{"pid":');
    acquireDataDirLock(dir, 'serve').release();
  });
});
