import { describe, expect, it } from 'vitest';
import { readFixture } from '../../../../test/support/fake-nvidia-smi';
import { classifyXmlRun } from './classify-output';
import { assessHealth } from './health';
import type { RunOutcome } from './run-nvidia-smi';
import type { GpuReadState } from './types';
import { XML_CAPTURES } from './test-captures';
import { seededRandom } from '../../../../test/support/seeded-random';

// Fuzzing the path from nvidia-smi's stdout to a state, with a seeded PRNG so a failure can be
// replayed. The property: never an exception, always one of the six states, and when the state
// is ok, a well-formed model. (The process-level cases — hang, exit 9, missing binary, huge
// output through a pipe — are in test/integration/nvidia-smi-failures.test.ts.)

const STATES: GpuReadState[] = ['ok', 'not-installed', 'driver-not-loaded', 'no-devices', 'timeout', 'unparsable'];


const exited = (stdout: string, exitCode = 0): RunOutcome => ({ kind: 'exited', exitCode, signal: null, stdout, stderr: '', durationMs: 1 });

function checkWellFormed(stdout: string, exitCode = 0): GpuReadState {
  const run = classifyXmlRun(exited(stdout, exitCode));
  expect(STATES).toContain(run.state);
  if (run.state !== 'ok') {
    expect(run.message).toEqual(expect.any(String));
    return run.state;
  }
  const gpus = assessHealth(run.log!.gpus);
  gpus.forEach((gpu, index) => {
    expect(gpu.index).toBe(index);
    expect(typeof gpu.name).toBe('string');
    expect(typeof gpu.pciBusId).toBe('string');
    for (const value of [gpu.memoryTotalMiB, gpu.utilizationGpuPct, gpu.powerDrawW, gpu.temperatureC, gpu.ecc.volatile.uncorrected]) {
      if (value !== null) expect(Number.isFinite(value)).toBe(true);
    }
    expect(Array.isArray(gpu.migDevices) && Array.isArray(gpu.processes)).toBe(true);
    expect(['ok', 'degraded', 'failing', 'unknown']).toContain(gpu.health.status);
  });
  expect(() => JSON.stringify(gpus)).not.toThrow();
  return run.state;
}

describe('fuzzing the nvidia-smi output classifier', () => {
  it('calls every proper prefix of every capture unparsable (truncated), at many cut points', () => {
    const random = seededRandom(1);
    let cuts = 0;
    for (const name of XML_CAPTURES) {
      const xml = readFixture(name);
      const end = xml.lastIndexOf('</nvidia_smi_log>');
      for (let i = 0; i < 40; i++) {
        const at = Math.floor(random() * end);
        expect(checkWellFormed(xml.slice(0, at)), `${name} cut at ${at}`).toBe('unparsable');
        cuts++;
      }
      expect(checkWellFormed(xml.slice(0, end + '</nvidia_smi_log'.length))).toBe('unparsable');
    }
    expect(cuts).toBe(280);
  });

  it('survives random bytes', () => {
    const random = seededRandom(2);
    for (let i = 0; i < 100; i++) {
      const bytes = Buffer.from(Array.from({ length: 1 + Math.floor(random() * 4096) }, () => Math.floor(random() * 256)));
      expect(checkWellFormed(bytes.toString('utf8'), i % 3)).toBe('unparsable');
    }
  });

  it('survives random mutations of valid reports with a clear state', () => {
    const random = seededRandom(3);
    const pieces = ['<', '>', '</gpu>', '<gpu id="x">', '&', '&amp;', '"', 'N/A', '\u0000', '<![CDATA[', ']]>', '<!--', '-->', ' MiB', '-1', '1e309', '<processes>', '<mig_device>', '<__proto__><polluted>1</polluted></__proto__>', '<constructor><prototype>x</prototype></constructor>'];
    const seen = new Map<GpuReadState, number>();
    for (let i = 0; i < 300; i++) {
      const name = XML_CAPTURES[i % XML_CAPTURES.length]!;
      let xml = readFixture(name);
      const edits = 1 + Math.floor(random() * 4);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(random() * xml.length);
        const span = Math.floor(random() * 64);
        const op = Math.floor(random() * 4);
        if (op === 0) xml = xml.slice(0, at) + xml.slice(at + span);
        else if (op === 1) xml = xml.slice(0, at) + pieces[Math.floor(random() * pieces.length)] + xml.slice(at);
        else if (op === 2) xml = xml.slice(0, at) + xml.slice(at, at + span) + xml.slice(at);
        else xml = xml.slice(0, at) + String.fromCharCode(Math.floor(random() * 128)) + xml.slice(at + 1);
      }
      const state = checkWellFormed(xml);
      seen.set(state, (seen.get(state) ?? 0) + 1);
    }
    // Tags named after Object's own properties never reach a prototype.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Most mutations break the XML; some land in a value and leave a valid report.
    expect(seen.get('unparsable')).toBeGreaterThan(100);
    expect([...seen.keys()].every((state) => state === 'ok' || state === 'unparsable' || state === 'no-devices')).toBe(true);
  });

  it('parses a report far above 1 MiB (node-nvidia-smi overflows at 1 MiB)', () => {
    const xml = readFixture('datakit__gtx-8card.xml');
    const start = xml.indexOf('<gpu id=');
    const end = xml.lastIndexOf('</gpu>') + '</gpu>'.length;
    // Derived: the eight GPUs repeated eight times, a 64-GPU report of ~1.8 MB.
    const huge = xml.slice(0, start) + xml.slice(start, end).repeat(8) + xml.slice(end);
    expect(huge.length).toBeGreaterThan(1024 * 1024);
    const run = classifyXmlRun(exited(huge));
    expect(run.state).toBe('ok');
    expect(run.log!.gpus).toHaveLength(64);
    expect(run.log!.warnings).toEqual(['nvidia-smi reports 8 attached GPU(s) but lists 64']);
    // Each GPU appears eight times: all flagged, none merged.
    expect(assessHealth(run.log!.gpus).every((gpu) => gpu.health.reasons.join() === 'duplicate-serial,duplicate-uuid')).toBe(true);
  });
});
