import { describe, expect, it } from 'vitest';
import { readFixture } from '../../../../test/support/fake-nvidia-smi';
import { healthOf, REASON_SEVERITY, unreadableHealth } from './health';
import { gpusOf, mutated, XML_CAPTURES } from './test-captures';
import type { GpuHealthReason } from './types';

// No public capture has a non-zero error counter (see ../shared/fixtures/SOURCES.md), so every
// reason below fires on a MUTATED COPY of a real capture, edited in memory by the test.
const health = (xml: string, gpu = 0) => gpusOf(xml)[gpu]!.health;

describe('GPU health', () => {
  it('is ok for every unmodified capture (their error counters are all zero)', () => {
    for (const name of XML_CAPTURES) {
      for (const gpu of gpusOf(readFixture(name))) expect(gpu.health, `${name} GPU ${gpu.index}`).toEqual({ status: 'ok', reasons: [] });
    }
  });

  const cases: [reason: GpuHealthReason, status: 'degraded' | 'failing', xml: () => string][] = [
    // Derived: T4 volatile DRAM uncorrectable 0 → 2 (R510 sram/dram layout).
    ['ecc-uncorrectable', 'failing', () => mutated('telegraf__tesla-t4.xml', ['<dram_uncorrectable>0</dram_uncorrectable>', '<dram_uncorrectable>2</dram_uncorrectable>', 0])],
    // Derived: T4 aggregate (lifetime) DRAM uncorrectable 0 → 3, volatile still 0.
    ['ecc-uncorrectable-aggregate', 'degraded', () => mutated('telegraf__tesla-t4.xml', ['<dram_uncorrectable>0</dram_uncorrectable>', '<dram_uncorrectable>3</dram_uncorrectable>', 1])],
    // Derived: RTX A5000 (v13) SRAM threshold exceeded N/A → Yes.
    ['ecc-sram-threshold-exceeded', 'failing', () => mutated('telegraf__dual_a5000-v13.xml', ['<sram_threshold_exceeded>N/A', '<sram_threshold_exceeded>Yes'])],
    // Derived: A10G row remapper pending No → Yes.
    ['remap-pending', 'degraded', () => mutated('telegraf__a10g.xml', ['<remapped_row_pending>No', '<remapped_row_pending>Yes'])],
    // Derived: A10G remapping failure No → Yes.
    ['remap-failure', 'failing', () => mutated('telegraf__a10g.xml', ['<remapped_row_failure>No', '<remapped_row_failure>Yes'])],
    // Derived: V100S page retirement pending No → Yes.
    ['retirement-pending', 'degraded', () => mutated('datakit__gtx-8card.xml', ['<pending_retirement>No', '<pending_retirement>Yes'])],
    // Derived: RTX A5000 channel repair pending No → Yes.
    ['repair-pending', 'degraded', () => mutated('telegraf__dual_a5000-v13.xml', ['<channel_repair_pending>No', '<channel_repair_pending>Yes'])],
    // Derived: RTX A5000 unrepairable memory N/A → Yes.
    ['unrepairable-memory', 'failing', () => mutated('telegraf__dual_a5000-v13.xml', ['<unrepairable_memory>N/A', '<unrepairable_memory>Yes'])],
    // Derived: RTX A5000 recovery action None → Drain and Reset.
    ['recovery-action', 'failing', () => mutated('telegraf__dual_a5000-v13.xml', ['<gpu_recovery_action>None', '<gpu_recovery_action>Drain and Reset'])],
    // Derived: Quadro P400 (R418, throttle spelling) HW thermal slowdown Not Active → Active.
    ['thermal-slowdown', 'degraded', () => mutated('telegraf__quadro-p400.xml', ['<clocks_throttle_reason_hw_thermal_slowdown>Not Active', '<clocks_throttle_reason_hw_thermal_slowdown>Active'])],
    // Derived: A10G HW power brake Not Active → Active.
    ['power-brake', 'degraded', () => mutated('telegraf__a10g.xml', ['<clocks_throttle_reason_hw_power_brake_slowdown>Not Active', '<clocks_throttle_reason_hw_power_brake_slowdown>Active'])],
  ];

  it.each(cases)('%s makes the GPU %s (mutated copy)', (reason, status, xml) => {
    expect(REASON_SEVERITY[reason]).toBe(status);
    expect(health(xml())).toEqual({ status, reasons: [reason] });
  });

  it('fires on the other spellings too', () => {
    // Derived: legacy double-bit (uncorrected) volatile total 0 → 1 on a V100S.
    expect(health(mutated('datakit__gtx-8card.xml', ['<total>0</total>', '<total>1</total>', 1])).reasons).toEqual(['ecc-uncorrectable']);
    // Derived: v13 SRAM uncorrectable parity N/A → 1.
    expect(health(mutated('telegraf__dual_a5000-v13.xml', ['<sram_uncorrectable_parity>N/A', '<sram_uncorrectable_parity>1'])).reasons).toEqual(['ecc-uncorrectable']);
    // Derived: one MIG device of the A100 with a volatile SRAM uncorrectable error.
    expect(health(mutated('telegraf__a100-sxm4-v12.xml', ['<sram_uncorrectable>0</sram_uncorrectable>', '<sram_uncorrectable>1</sram_uncorrectable>', 2])).reasons).toEqual(['ecc-uncorrectable']);
    // Derived: R535 gpu_reset_status reset_required No → Yes (the older recovery signal).
    expect(health(mutated('telegraf__a100-sxm4-v12.xml', ['<reset_required>No', '<reset_required>Yes'])).reasons).toEqual(['recovery-action']);
    // Derived: R590 event spelling, SW thermal slowdown.
    expect(health(mutated('telegraf__dual_a5000-v13.xml', ['<clocks_event_reason_sw_thermal_slowdown>Not Active', '<clocks_event_reason_sw_thermal_slowdown>Active'])).reasons).toEqual(['thermal-slowdown']);
  });

  it('flags GPUs that share a UUID or a serial, keeping both as reported', () => {
    // Derived: the second RTX A5000 given the first one's (masked) UUID.
    const sameUuid = gpusOf(mutated('telegraf__dual_a5000-v13.xml', ['GPU-12345678-aaaa-bbbb-cccc-0123456789cd', 'GPU-12345678-aaaa-bbbb-cccc-0123456789ab']));
    expect(sameUuid.map((gpu) => [gpu.uuid, gpu.health])).toEqual([
      ['GPU-12345678-aaaa-bbbb-cccc-0123456789ab', { status: 'degraded', reasons: ['duplicate-uuid'] }],
      ['GPU-12345678-aaaa-bbbb-cccc-0123456789ab', { status: 'degraded', reasons: ['duplicate-uuid'] }],
    ]);
    // Derived: V100S GPU 1 given GPU 0's serial; the six others stay ok.
    const sameSerial = gpusOf(mutated('datakit__gtx-8card.xml', ['<serial>1562920005886</serial>', '<serial>1562920006088</serial>']));
    expect(sameSerial.map((gpu) => gpu.health.status)).toEqual(['degraded', 'degraded', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
    expect(sameSerial[1]!.health.reasons).toEqual(['duplicate-serial']);
    // Placeholder identities are null, never duplicates of each other.
    const zeros = gpusOf(mutated('datakit__gtx-8card.xml', ['<serial>1562920006088</serial>', '<serial>0000000000000</serial>'], ['<serial>1562920005886</serial>', '<serial>0000000000000</serial>']));
    expect(zeros.every((gpu) => gpu.health.status === 'ok')).toBe(true);
  });

  it('does not call a serial shared by the GPUs of one multi-GPU board a duplicate', () => {
    // Derived: GPUs 0 and 1 of the V100S server made the two halves of one board (K80-style).
    const board = gpusOf(
      mutated('datakit__gtx-8card.xml', ['<serial>1562920005886</serial>', '<serial>1562920006088</serial>'], ['<multigpu_board>No', '<multigpu_board>Yes', 0], ['<multigpu_board>No', '<multigpu_board>Yes', 0]),
    );
    expect(board.slice(0, 2).map((gpu) => gpu.health)).toEqual([
      { status: 'ok', reasons: [] },
      { status: 'ok', reasons: [] },
    ]);
  });

  it('takes the worst severity when several reasons fire, reasons sorted', () => {
    // Derived: remap pending (degraded) and remap failure (failing) at once.
    const both = mutated('telegraf__a10g.xml', ['<remapped_row_pending>No', '<remapped_row_pending>Yes'], ['<remapped_row_failure>No', '<remapped_row_failure>Yes']);
    expect(health(both)).toEqual({ status: 'failing', reasons: ['remap-failure', 'remap-pending'] });
    expect(healthOf(['power-brake', 'thermal-slowdown', 'power-brake'])).toEqual({ status: 'degraded', reasons: ['power-brake', 'thermal-slowdown'] });
  });

  it('is unknown, with the cause, for GPUs a failed read could not see', () => {
    expect(unreadableHealth('timeout')).toEqual({ status: 'unknown', reasons: ['nvidia-smi-timeout'] });
    expect(unreadableHealth('driver-not-loaded')).toEqual({ status: 'unknown', reasons: ['nvidia-smi-unavailable'] });
    expect(unreadableHealth('unparsable')).toEqual({ status: 'unknown', reasons: ['nvidia-smi-unavailable'] });
  });
});
