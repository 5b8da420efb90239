import { describe, expect, it } from 'vitest';
import { readFixture } from '../../../../test/support/fake-nvidia-smi';
import { classifyXmlRun } from './classify-output';
import type { RunOutcome } from './run-nvidia-smi';

const exited = (stdout: string, exitCode: number | null = 0, stderr = '', signal: string | null = null): RunOutcome => ({ kind: 'exited', exitCode, signal, stdout, stderr, durationMs: 1 });
const T4 = readFixture('telegraf__tesla-t4.xml');

describe('classifying a run of nvidia-smi -q -x', () => {
  it('is ok with a valid report, and keeps stderr text as a warning, not a failure', () => {
    expect(classifyXmlRun(exited(T4))).toMatchObject({ state: 'ok', message: null, warnings: [], exitCode: 0 });
    const warned = classifyXmlRun(exited(T4, 0, 'WARNING: infoROM is corrupted at gpu 0000:00:1E.0\n'));
    expect(warned).toMatchObject({ state: 'ok', warnings: ['nvidia-smi wrote to stderr: WARNING: infoROM is corrupted at gpu 0000:00:1E.0'] });
    expect(warned.log?.gpus).toHaveLength(1);
  });

  it('uses a complete report even when nvidia-smi exits non-zero, with a warning', () => {
    const run = classifyXmlRun(exited(T4, 15, 'Unable to determine the device handle for one GPU'));
    expect(run.state).toBe('ok');
    expect(run.exitCode).toBe(15);
    expect(run.warnings).toEqual(['nvidia-smi exited with code 15 after printing a complete report; the report was used', 'nvidia-smi wrote to stderr: Unable to determine the device handle for one GPU']);
  });

  it('maps exit 9 to driver-not-loaded with nvidia-smi own words', () => {
    const run = classifyXmlRun(exited("NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.\n\n", 9));
    expect(run.state).toBe('driver-not-loaded');
    expect(run.message).toMatch(/^the NVIDIA driver is not loaded \(nvidia-smi exit 9\): NVIDIA-SMI has failed because it couldn't communicate/);
    expect(run.warnings).toEqual([run.message]);
    expect(run.log).toBeNull();
  });

  it('maps "No devices were found" and a report without <gpu> to no-devices', () => {
    expect(classifyXmlRun(exited('No devices were found\n', 6))).toMatchObject({ state: 'no-devices', message: 'nvidia-smi found no NVIDIA GPU' });
    const empty = '<?xml version="1.0" ?>\n<nvidia_smi_log>\n<driver_version>550.54.14</driver_version>\n<attached_gpus>0</attached_gpus>\n</nvidia_smi_log>\n';
    expect(classifyXmlRun(exited(empty))).toMatchObject({ state: 'no-devices', log: { driverVersion: '550.54.14', gpus: [] } });
  });

  it('maps a missing NVML library (exit 12) and a missing binary to not-installed', () => {
    expect(classifyXmlRun(exited('NVIDIA-SMI couldn\'t find libnvidia-ml.so library in your system.', 12)).state).toBe('not-installed');
    expect(classifyXmlRun({ kind: 'spawn-failed', code: 'ENOENT', message: 'spawn /usr/bin/nvidia-smi ENOENT', durationMs: 0 })).toMatchObject({ state: 'not-installed', message: 'nvidia-smi could not be run (ENOENT): spawn /usr/bin/nvidia-smi ENOENT' });
    expect(classifyXmlRun({ kind: 'spawn-failed', code: 'EACCES', message: 'spawn EACCES', durationMs: 0 }).state).toBe('not-installed');
  });

  it('maps a timeout to timeout, naming the unresponsive GPU subsystem', () => {
    const run = classifyXmlRun({ kind: 'timeout', timeoutMs: 10_000, durationMs: 10_001 });
    expect(run.state).toBe('timeout');
    expect(run.message).toContain('GPU subsystem unresponsive');
    expect(run.message).toContain('10 s');
  });

  it('is unparsable for garbage, a cut report, an oversized one and a crash, with the reason', () => {
    expect(classifyXmlRun(exited('\u0000\u0001garbage<<<')).message).toMatch(/^nvidia-smi exited normally but its output is not a usable XML report \(no <nvidia_smi_log> element in the output\); it printed: garbage<<<$/);
    expect(classifyXmlRun(exited(T4.slice(0, 5000))).message).toContain('truncated');
    expect(classifyXmlRun(exited(T4.slice(0, 5000), null, '', 'SIGSEGV')).message).toMatch(/^nvidia-smi was stopped by SIGSEGV but its output/);
    expect(classifyXmlRun(exited('Unable to determine the device handle for GPU0000:3B:00.0: Unknown Error', 15))).toMatchObject({ state: 'unparsable', exitCode: 15 });
    expect(classifyXmlRun({ kind: 'output-too-large', maxBufferBytes: 64 * 1024 * 1024, durationMs: 5 })).toMatchObject({ state: 'unparsable', message: 'nvidia-smi printed more than 64 MiB; the read was stopped' });
  });

  it('quotes at most a short, printable head of what was printed', () => {
    const run = classifyXmlRun(exited(`${'x'.repeat(10_000)}\u0007`));
    expect(run.message!.length).toBeLessThan(500);
    expect(run.message).not.toContain('\u0007');
  });
});
