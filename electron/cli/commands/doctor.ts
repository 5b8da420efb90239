import { readLockOwner } from '../../core/lock/data-dir-lock';
import type { CommandContext } from '../context';
import type { CheckResult } from '../doctor/check';
import { checkChain } from '../doctor/chain-checks';
import { checkFleetSources } from '../doctor/fleet-checks';
import { checkDatabase, checkDataDir, checkElectron, checkNvidiaSmi, checkTokenFile } from '../doctor/checks';
import { checkGpuSource } from '../doctor/gpu-source-check';
import { EXIT, type ExitCode } from '../exit-codes';
import { printJson, printLine } from '../output';
import { PACKAGE_ROOT } from '../package-root';

/** A failure's area picks the exit code: a hardware source (3), a network peer (4), anything else (1). */
export function doctorExitCode(checks: CheckResult[]): ExitCode {
  const failed = checks.filter((check) => check.status === 'fail');
  if (failed.length === 0) return EXIT.ok;
  if (failed.every((check) => check.area === 'hardware')) return EXIT.hardwareUnavailable;
  if (failed.every((check) => check.area === 'network')) return EXIT.peerUnreachable;
  return EXIT.verificationFailed;
}

export async function doctorCommand(context: CommandContext): Promise<ExitCode> {
  const owner = readLockOwner(context.dataDir);
  const checks: CheckResult[] = [
    { name: 'node', area: 'local', status: 'ok', message: `Node ${process.versions.node} on ${process.platform}/${process.arch}` },
    checkDataDir(context.dataDir),
    checkDatabase(context.dataDir),
    checkTokenFile(context.dataDir),
    { name: 'data directory owner', area: 'local', status: 'ok', message: owner ? `in use by "sietch ${owner.command}" (pid ${owner.pid})${owner.url ? ` at ${owner.url}` : ''}` : 'no Sietch process holds it' },
    checkGpuSource(),
    await checkNvidiaSmi(Number(process.env.SIETCH_DOCTOR_TIMEOUT_MS ?? 10_000)),
    ...checkElectron(PACKAGE_ROOT),
    ...(await checkChain(context.config, context.dataDir)),
    ...(await checkFleetSources(context.config, context.dataDir)),
  ];
  const exitCode = doctorExitCode(checks);
  if (context.json) printJson({ ok: exitCode === EXIT.ok, dataDir: context.dataDir, checks });
  else {
    for (const check of checks) {
      printLine(`${check.status.padEnd(4)}  ${check.name}: ${check.message}`);
      if (check.fix && check.status !== 'ok') printLine(`      → ${check.fix}`);
    }
  }
  return exitCode;
}
