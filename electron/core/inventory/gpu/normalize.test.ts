import { describe, expect, it } from 'vitest';
import { readFixture } from '../../../../test/support/fake-nvidia-smi';
import { logOf, mutated } from './test-captures';

// Values below were read off the capture files by hand; they are not produced by the parser.
describe('normalizing nvidia-smi -q -x across driver generations', () => {
  it('counts <gpu> elements, not attached_gpus, and says when they disagree', () => {
    const log = logOf(readFixture('telegraf__a100-sxm4-v12.xml'));
    expect(log.attachedGpus).toBe(4);
    expect(log.gpus).toHaveLength(1);
    expect(log.warnings).toEqual(['nvidia-smi reports 4 attached GPU(s) but lists 1']);
    expect(logOf(readFixture('datakit__gtx-8card.xml')).warnings).toEqual([]);
  });

  it('unifies power_readings/power_draw (≤ R525) and gpu_power_readings/instant+average (R555+)', () => {
    const t4 = logOf(readFixture('telegraf__tesla-t4.xml')).gpus[0]!;
    expect([t4.powerDrawW, t4.powerDrawAverageW, t4.powerLimitW, t4.powerMaxLimitW]).toEqual([26.78, null, 70, 70]);
    const a100 = logOf(readFixture('telegraf__a100-sxm4-v12.xml')).gpus[0]!;
    expect([a100.powerDrawW, a100.powerLimitW]).toEqual([67.03, 500]);
    const a5000 = logOf(readFixture('telegraf__dual_a5000-v13.xml')).gpus;
    expect(a5000.map((gpu) => [gpu.powerDrawW, gpu.powerDrawAverageW, gpu.powerLimitW])).toEqual([
      [6.52, 6.41, 230],
      [13.59, 13.6, 230],
    ]);
    const p400 = logOf(readFixture('telegraf__quadro-p400.xml')).gpus[0]!;
    expect([p400.powerDrawW, p400.powerLimitW]).toEqual([null, null]);
  });

  it('unifies clocks_throttle_reasons and clocks_event_reasons', () => {
    const throttle = logOf(readFixture('telegraf__quadro-p400.xml')).gpus[0]!.clockEventReasons;
    const events = logOf(readFixture('telegraf__dual_a5000-v13.xml')).gpus[0]!.clockEventReasons;
    expect(throttle).toEqual({ gpuIdle: true, applicationsClocksSetting: false, swPowerCap: false, hwSlowdown: false, hwThermalSlowdown: false, hwPowerBrakeSlowdown: false, swThermalSlowdown: false, syncBoost: false });
    expect(events).toEqual(throttle);
    // GPU 3 of the 8-card server is power-capped in that capture.
    expect(logOf(readFixture('datakit__gtx-8card.xml')).gpus[3]!.clockEventReasons.swPowerCap).toBe(true);
  });

  it('unifies the three ECC layouts: single/double bit, sram/dram, sram parity/secded', () => {
    const legacy = logOf(readFixture('datakit__gtx-8card.xml')).gpus[0]!.ecc;
    expect(legacy).toMatchObject({ modeCurrent: 'enabled', volatile: { corrected: 0, uncorrected: 0 }, aggregate: { corrected: 0, uncorrected: 0 } });
    expect(logOf(mutated('datakit__gtx-8card.xml', ['<total>0</total>', '<total>7</total>', 0], ['<total>0</total>', '<total>2</total>', 0])).gpus[0]!.ecc.volatile).toEqual({ corrected: 7, uncorrected: 2 });
    // Legacy block without a usable <total>: the parts are summed.
    const noTotal = mutated('datakit__gtx-8card.xml', ['<total>0</total>', '<total>N/A</total>', 1], ['<device_memory>0</device_memory>', '<device_memory>3</device_memory>', 1], ['<l2_cache>0</l2_cache>', '<l2_cache>1</l2_cache>', 1]);
    expect(logOf(noTotal).gpus[0]!.ecc.volatile.uncorrected).toBe(4);
    const sramDram = logOf(mutated('telegraf__tesla-t4.xml', ['<sram_uncorrectable>0</sram_uncorrectable>', '<sram_uncorrectable>1</sram_uncorrectable>'], ['<dram_uncorrectable>0</dram_uncorrectable>', '<dram_uncorrectable>2</dram_uncorrectable>'], ['<dram_correctable>0</dram_correctable>', '<dram_correctable>5</dram_correctable>', 1]));
    expect(sramDram.gpus[0]!.ecc).toMatchObject({ volatile: { corrected: 0, uncorrected: 3 }, aggregate: { corrected: 5, uncorrected: 0 } });
    const split = mutated('telegraf__dual_a5000-v13.xml', ['<sram_uncorrectable_parity>N/A', '<sram_uncorrectable_parity>1'], ['<sram_uncorrectable_secded>N/A', '<sram_uncorrectable_secded>2']);
    expect(logOf(split).gpus[0]!.ecc.volatile).toEqual({ corrected: null, uncorrected: 3 });
    expect(logOf(readFixture('telegraf__dual_a5000-v13.xml')).gpus[0]!.ecc).toMatchObject({ modeCurrent: 'disabled', volatile: { corrected: null, uncorrected: null }, channelRepairPending: false });
  });

  it('reads retired pages under both names of the pending flag, and remapped rows (or their N/A)', () => {
    expect(logOf(readFixture('telegraf__tesla-t4.xml')).gpus[0]!.retiredPages).toEqual({ singleBitCount: 0, doubleBitCount: 0, pending: false });
    const blacklistOnly = mutated('telegraf__tesla-t4.xml', ['<pending_retirement>No</pending_retirement>', ''], ['<pending_blacklist>No', '<pending_blacklist>Yes']);
    expect(logOf(blacklistOnly).gpus[0]!.retiredPages.pending).toBe(true);
    expect(logOf(readFixture('telegraf__a10g.xml')).gpus[0]!.remappedRows).toEqual({ correctable: 0, uncorrectable: 0, pending: false, failure: false });
    expect(logOf(readFixture('telegraf__a100-sxm4-v12.xml')).gpus[0]!.remappedRows).toEqual({ correctable: null, uncorrectable: null, pending: null, failure: null });
  });

  it('falls back to kmd_version when driver_version has no value', () => {
    const kmdOnly = mutated('telegraf__dual_a5000-v13.xml', ['<driver_version>590.44.01</driver_version>', '<driver_version>N/A</driver_version><kmd_version>590.44.01</kmd_version>']);
    expect(logOf(kmdOnly).driverVersion).toBe('590.44.01');
  });

  it('keeps MIG devices as children of their GPU, with memory and instance ids', () => {
    const a100 = logOf(readFixture('telegraf__a100-sxm4-v12.xml')).gpus[0]!;
    expect(a100.migMode).toEqual({ current: 'enabled', pending: 'enabled' });
    expect(a100.migDevices.map((device) => [device.index, device.gpuInstanceId, device.computeInstanceId, device.memoryTotalMiB, device.multiprocessorCount])).toEqual([
      [0, 3, 0, 19968, 14],
      [1, 4, 0, 19968, 14],
      [2, 5, 0, 19968, 14],
      [3, 6, 0, 19968, 14],
    ]);
    expect(a100.migDevices[0]).toMatchObject({ uuid: null, profile: null, memoryUsedMiB: 12, eccSramUncorrectableVolatile: 0 });
    expect(logOf(readFixture('telegraf__tesla-t4.xml')).gpus[0]!.migDevices).toEqual([]);
    expect(logOf(readFixture('telegraf__quadro-p400.xml')).gpus[0]!.migMode).toEqual({ current: null, pending: null });
  });

  it('lists processes, one or many, and none for <processes /> and empty <processes>', () => {
    const t4 = logOf(readFixture('telegraf__tesla-t4.xml')).gpus[0]!;
    expect(t4.processes).toEqual([
      { pid: 675, type: 'G', name: '/usr/lib/xorg/Xorg', usedMemoryMiB: 22, gpuInstanceId: null, computeInstanceId: null },
      { pid: 5762, type: 'C', name: 'python', usedMemoryMiB: 1005, gpuInstanceId: null, computeInstanceId: null },
    ]);
    expect(logOf(readFixture('telegraf__a10g.xml')).gpus[0]!.processes.map((process) => process.pid)).toEqual([725]);
    expect(logOf(readFixture('telegraf__a100-sxm4-v12.xml')).gpus[0]!.processes).toEqual([]);
    expect(logOf(readFixture('telegraf__quadro-p400.xml')).gpus[0]!.processes).toEqual([]);
    const wddm = mutated('telegraf__tesla-t4.xml', ['<used_memory>22 MiB</used_memory>', '<used_memory>Not available in WDDM driver model</used_memory>']);
    expect(logOf(wddm).gpus[0]!.processes[0]!.usedMemoryMiB).toBeNull();
  });

  it('reports identities verbatim, masked placeholders as null with the raw value kept', () => {
    const t4 = logOf(readFixture('telegraf__tesla-t4.xml')).gpus[0]!;
    expect([t4.uuid, t4.serial, t4.serialRaw]).toEqual(['GPU-d37e67a5-91dd-3774-a5cb-99096249601a', null, '0000000000000']);
    const p400 = logOf(readFixture('telegraf__quadro-p400.xml')).gpus[0]!;
    expect([p400.serial, p400.pciBusId, p400.minorNumber, p400.vbios, p400.boardPartNumber, p400.gpuPartNumber]).toEqual(['0424418054852', '00000000:43:00.0', 0, '86.07.3B.00.4A', null, '900-5G212-1701-000']);
    // No <pci_bus_id>: the id attribute of <gpu> stands in.
    expect(logOf(mutated('telegraf__quadro-p400.xml', ['<pci_bus_id>00000000:43:00.0</pci_bus_id>', ''])).gpus[0]!.pciBusId).toBe('00000000:43:00.0');
  });
});
