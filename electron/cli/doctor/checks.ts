import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE } from '../../core/core';
import { MIGRATIONS } from '../../core/db/migrations';
import { TOKEN_FILE } from '../../server/token-file';
import type { CheckResult } from './check';

export function checkDataDir(dataDir: string): CheckResult {
  const probe = join(dataDir, `.doctor-${process.pid}`);
  try {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(probe, 'probe');
    rmSync(probe);
    return { name: 'data directory', area: 'local', status: 'ok', message: `${dataDir} is writable` };
  } catch (error) {
    return { name: 'data directory', area: 'local', status: 'fail', message: `${dataDir} is not writable: ${(error as Error).message}`, fix: 'fix its permissions, or choose another with --data-dir or SIETCH_DATA_DIR' };
  }
}

/** Reads the schema version without migrating: doctor only looks. */
export function checkDatabase(dataDir: string): CheckResult {
  const file = join(dataDir, DATABASE_FILE);
  const latest = MIGRATIONS.at(-1)?.version ?? 0;
  if (!existsSync(file)) return { name: 'database', area: 'local', status: 'warn', message: `no database yet at ${file}`, fix: 'it is created on the first `sietch serve` (or `npm start`)' };
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const version = db.pragma('user_version', { simple: true }) as number;
      const integrity = db.pragma('quick_check', { simple: true }) as string;
      if (integrity !== 'ok') return { name: 'database', area: 'local', status: 'fail', message: `integrity check failed: ${integrity}`, fix: 'restore the data directory from a backup' };
      if (version > latest) return { name: 'database', area: 'local', status: 'fail', message: `schema version ${version} is newer than this Sietch (${latest})`, fix: 'upgrade Sietch' };
      if (version < latest) return { name: 'database', area: 'local', status: 'warn', message: `schema version ${version}; ${latest - version} migration(s) pending`, fix: 'they are applied on the next `sietch serve`' };
      return { name: 'database', area: 'local', status: 'ok', message: `schema version ${version} (latest), integrity ok` };
    } finally {
      db.close();
    }
  } catch (error) {
    return { name: 'database', area: 'local', status: 'fail', message: `cannot open ${file}: ${(error as Error).message}`, fix: 'check the file; restore it from a backup if it is damaged' };
  }
}

export function checkTokenFile(dataDir: string): CheckResult {
  const file = join(dataDir, TOKEN_FILE);
  if (!existsSync(file)) return { name: 'server token', area: 'local', status: 'ok', message: 'not created yet (the first `sietch serve` creates it, readable by you only)' };
  const mode = statSync(file).mode & 0o777;
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) return { name: 'server token', area: 'local', status: 'fail', message: `${file} is readable by others (mode ${mode.toString(8)})`, fix: `chmod 600 ${file}` };
  return { name: 'server token', area: 'local', status: 'ok', message: `${file} is private to you` };
}

function findOnPath(binary: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, binary);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // keep looking
    }
  }
  return null;
}

export async function checkNvidiaSmi(timeoutMs = 10_000): Promise<CheckResult> {
  const binary = process.env.SIETCH_NVIDIA_SMI ?? findOnPath(process.platform === 'win32' ? 'nvidia-smi.exe' : 'nvidia-smi');
  if (!binary) return { name: 'nvidia-smi', area: 'hardware', status: 'warn', message: 'nvidia-smi is not installed: no NVIDIA GPU can be read on this machine', fix: 'install the NVIDIA driver, set SIETCH_NVIDIA_SMI to its path, or run `sietch serve --simulate` for a demo' };
  return new Promise((resolve) => {
    execFile(binary, ['-L'], { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 4 * 1024 * 1024 }, (error, stdout) => {
      if (error && (error as { killed?: boolean }).killed) return resolve({ name: 'nvidia-smi', area: 'hardware', status: 'fail', message: `${binary} did not answer within ${timeoutMs / 1000} s: the GPU subsystem is unresponsive`, fix: 'check `dmesg` for Xid errors or a GPU fallen off the bus; a reboot or reseat may be needed' });
      if (error) return resolve({ name: 'nvidia-smi', area: 'hardware', status: 'fail', message: `${binary} failed: ${(error as Error).message.split('\n')[0]}`, fix: 'check that the NVIDIA driver is loaded (`nvidia-smi` exit code 9 means it is not)' });
      const gpus = stdout.split('\n').filter((line) => /^GPU \d+:/.test(line)).length;
      resolve({ name: 'nvidia-smi', area: 'hardware', status: gpus > 0 ? 'ok' : 'warn', message: `${binary}: ${gpus} GPU(s)`, fix: gpus > 0 ? undefined : 'no GPU listed: check the driver and the PCIe devices' });
    });
  });
}

export function checkElectron(packageRoot: string): CheckResult[] {
  const electronDir = join(packageRoot, 'node_modules', 'electron');
  const binaryPresent = existsSync(join(electronDir, 'path.txt')) && existsSync(join(electronDir, 'dist'));
  const nativePresent = existsSync(join(packageRoot, '.electron-native', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'));
  return [
    binaryPresent
      ? { name: 'electron runtime', area: 'local', status: 'ok', message: 'the Electron binary is installed: `npm start` opens the desktop app' }
      : { name: 'electron runtime', area: 'local', status: 'warn', message: 'the Electron binary is not installed: `npm start` runs the console headless in the browser', fix: 'on a machine with network: `node node_modules/electron/install.js`' },
    nativePresent
      ? { name: 'sqlite for electron', area: 'local', status: 'ok', message: 'better-sqlite3 rebuilt for Electron is in .electron-native/' }
      : { name: 'sqlite for electron', area: 'local', status: binaryPresent ? 'warn' : 'ok', message: binaryPresent ? 'better-sqlite3 has not been rebuilt for Electron yet' : 'not needed until the Electron binary is installed', fix: binaryPresent ? '`npm run rebuild:electron-native` (needs network; `npm start` runs it for you)' : undefined },
  ];
}
