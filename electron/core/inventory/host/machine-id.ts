import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * The OS installation's machine id: /etc/machine-id (systemd) or the dbus copy on Linux,
 * IOPlatformUUID on macOS, MachineGuid on Windows. Read directly and without a shell;
 * null when none can be read.
 */
export function machineIdSync(platform: NodeJS.Platform = process.platform): string | null {
  try {
    if (platform === 'linux') {
      for (const file of ['/etc/machine-id', '/var/lib/dbus/machine-id']) {
        try {
          const id = readFileSync(file, 'utf8').trim();
          if (/^[0-9a-f]{32}$/i.test(id)) return id.toLowerCase();
        } catch {
          // try the next location
        }
      }
      return null;
    }
    if (platform === 'darwin') {
      const out = execFileSync('ioreg', ['-rd1', '-c', 'IOPlatformExpertDevice'], { encoding: 'utf8', timeout: 5000 });
      return /"IOPlatformUUID" = "([^"]+)"/.exec(out)?.[1]?.toLowerCase() ?? null;
    }
    if (platform === 'win32') {
      const out = execFileSync('reg', ['query', 'HKLM\\SOFTWARE\\Microsoft\\Cryptography', '/v', 'MachineGuid'], { encoding: 'utf8', timeout: 5000 });
      return /MachineGuid\s+REG_SZ\s+(\S+)/.exec(out)?.[1]?.toLowerCase() ?? null;
    }
  } catch {
    return null;
  }
  return null;
}
