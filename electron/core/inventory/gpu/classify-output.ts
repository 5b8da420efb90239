import { normalizeLog, type NormalizedLog } from './normalize-log';
import { parseSmiXml } from './parse-smi-xml';
import type { RunOutcome } from './run-nvidia-smi';
import type { GpuReadState } from './types';

export interface ClassifiedRun {
  state: GpuReadState;
  message: string | null;
  warnings: string[];
  exitCode: number | null;
  /** Present when the output was a valid report (state ok or no-devices). */
  log: NormalizedLog | null;
}

// nvidia-smi's documented exit codes that name a cause.
const EXIT_DRIVER_NOT_LOADED = 9;
const EXIT_NVML_LIBRARY_MISSING = 12;
const NOT_INSTALLED_SPAWN_CODES = new Set(['ENOENT', 'EACCES', 'EPERM', 'ENOTDIR', 'ENOEXEC']);
const MAX_QUOTED = 300;

/** A line of what the binary printed, made safe to quote in a message or a log. */
export function quote(output: string): string {
  // Only the head: the cause is always at the top, and the output may be megabytes of garbage.
  // eslint-disable-next-line no-control-regex
  const line = output.slice(0, 4 * MAX_QUOTED).replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ').split('\n').map((part) => part.trim()).filter(Boolean).join(' ');
  return line.length > MAX_QUOTED ? `${line.slice(0, MAX_QUOTED)}…` : line;
}

export function timeoutMessage(timeoutMs: number): string {
  return `nvidia-smi did not answer within ${timeoutMs / 1000} s and was killed: GPU subsystem unresponsive (a GPU may have fallen off the bus)`;
}

/** Failures shared by every command we run (XML, CSV, list): no binary, no answer, no driver. */
export function classifyFailure(outcome: RunOutcome): { state: GpuReadState; message: string; exitCode: number | null } | null {
  switch (outcome.kind) {
    case 'timeout':
      return { state: 'timeout', message: timeoutMessage(outcome.timeoutMs), exitCode: null };
    case 'spawn-failed':
      return NOT_INSTALLED_SPAWN_CODES.has(outcome.code)
        ? { state: 'not-installed', message: `nvidia-smi could not be run (${outcome.code}): ${quote(outcome.message)}`, exitCode: null }
        : { state: 'unparsable', message: `nvidia-smi could not be started (${outcome.code}): ${quote(outcome.message)}`, exitCode: null };
    case 'output-too-large':
      return { state: 'unparsable', message: `nvidia-smi printed more than ${outcome.maxBufferBytes / 1024 / 1024} MiB; the read was stopped`, exitCode: null };
    case 'exited':
      break;
  }
  const said = [quote(outcome.stdout), quote(outcome.stderr)].filter(Boolean).join(' | ');
  if (outcome.exitCode === EXIT_DRIVER_NOT_LOADED || /couldn't communicate with the nvidia driver/i.test(said)) {
    return { state: 'driver-not-loaded', message: `the NVIDIA driver is not loaded (nvidia-smi exit ${outcome.exitCode ?? 'unknown'}): ${said || 'no message'}`, exitCode: outcome.exitCode };
  }
  if (outcome.exitCode === EXIT_NVML_LIBRARY_MISSING) {
    return { state: 'not-installed', message: `the NVML library is missing, the NVIDIA driver is not (fully) installed (nvidia-smi exit 12): ${said || 'no message'}`, exitCode: outcome.exitCode };
  }
  if (/no devices were found/i.test(said)) return { state: 'no-devices', message: 'nvidia-smi found no NVIDIA GPU', exitCode: outcome.exitCode };
  return null;
}

function exitWarning(exitCode: number | null, signal: string | null): string | null {
  if (signal) return `nvidia-smi was stopped by ${signal} after printing a complete report; the report was used`;
  if (exitCode !== 0 && exitCode !== null) return `nvidia-smi exited with code ${exitCode} after printing a complete report; the report was used`;
  return null;
}

/**
 * The outcome of `nvidia-smi -q -x` → a state. A valid report wins over everything else: stderr
 * text (an infoROM warning, a deprecation notice) and a non-zero exit beside a complete report
 * become warnings, because the report is what an operator needs and it is all there.
 */
export function classifyXmlRun(outcome: RunOutcome): ClassifiedRun {
  if (outcome.kind === 'exited') {
    const parsed = parseSmiXml(outcome.stdout);
    if (parsed.ok) {
      const log = normalizeLog(parsed.log);
      const warnings = [...log.warnings];
      const stderr = quote(outcome.stderr);
      if (stderr) warnings.unshift(`nvidia-smi wrote to stderr: ${stderr}`);
      const exit = exitWarning(outcome.exitCode, outcome.signal);
      if (exit) warnings.unshift(exit);
      if (log.gpus.length === 0) return { state: 'no-devices', message: 'nvidia-smi lists no GPU', warnings, exitCode: outcome.exitCode, log };
      return { state: 'ok', message: null, warnings, exitCode: outcome.exitCode, log };
    }
    const failure = classifyFailure(outcome);
    if (failure) return { ...failure, warnings: [failure.message], log: null };
    const how = outcome.signal ? `was stopped by ${outcome.signal}` : outcome.exitCode === 0 ? 'exited normally' : `exited with code ${outcome.exitCode}`;
    const said = quote(outcome.stdout) || quote(outcome.stderr);
    const message = `nvidia-smi ${how} but its output is not a usable XML report (${parsed.error})${said ? `; it printed: ${said}` : ''}`;
    return { state: 'unparsable', message, warnings: [message], exitCode: outcome.exitCode, log: null };
  }
  const failure = classifyFailure(outcome)!;
  return { ...failure, warnings: [failure.message], log: null };
}
