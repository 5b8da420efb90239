import { describe, expect, it } from 'vitest';
import { dcgmScrape, dcgmScrapes } from '../../../../../test/support/dcgm-fixtures';
import { parseExposition, type ExpositionSample } from '../exposition/parse-exposition';
import { dcgmValue, isDcgmMetric } from './dcgm-fields';
import { normalizeDcgm } from './normalize-dcgm';
import { XidTracker } from './xid';

function samples(text: string): ExpositionSample[] {
  const parsed = parseExposition(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value.samples;
}

/** A real scrape with one series' value replaced (a derived copy, named as such in each test). */
function withValue(text: string, metric: string, value: string, occurrence = 0): string {
  const lines = text.split('\n');
  let seen = 0;
  const index = lines.findIndex((line) => line.startsWith(`${metric}{`) && seen++ === occurrence);
  if (index === -1) throw new Error(`${metric} #${occurrence} not in the capture`);
  lines[index] = lines[index]!.replace(/ [^ ]+$/, ` ${value}`);
  return lines.join('\n');
}

describe('normalizeDcgm on the real captures', () => {
  it('turns the A100 scrape into the GPU record of the local reader', () => {
    const { hosts, ignored } = normalizeDcgm(samples(dcgmScrape('a100')));
    expect(ignored).toBe(0);
    expect(hosts).toHaveLength(1);
    const [host] = hosts;
    expect(host!.hostname).toBe('nvidia-dcgm-exporter-drqwq');
    expect(host!.driverVersion).toBe('520.56.06');
    const gpu = host!.gpus[0]!;
    expect(gpu).toMatchObject({
      index: 0,
      uuid: 'GPU-7099682b-a20d-2bcc-74ab-b9060454d81e',
      name: 'NVIDIA A100-SXM4-40GB',
      pciBusId: '',
      memoryUsedMiB: 0,
      memoryFreeMiB: 40384,
      memoryTotalMiB: 40384,
      utilizationGpuPct: 0,
      powerDrawW: 45.999,
      temperatureC: 29,
      memoryTemperatureC: 28,
      clocks: { smMHz: 210, memoryMHz: 1215 },
      remappedRows: { correctable: 0, uncorrectable: 0, pending: null, failure: false },
      migMode: { current: null },
      migDevices: [],
      health: { status: 'ok', reasons: [] },
    });
    expect(host!.extras[0]).toEqual({ energyMj: 424405577, lastXid: 0 });
  });

  it('both A100 scrapes of the capture give the same GPU', () => {
    const [first, second] = dcgmScrapes('a100').map((scrape) => normalizeDcgm(samples(scrape)).hosts[0]!.gpus[0]!);
    expect(second).toEqual(first);
  });

  it('folds the MIG rows (same parent UUID, GPU_I_ID/GPU_I_PROFILE) into one GPU with its MIG devices; utilization from GR_ENGINE_ACTIVE', () => {
    const { hosts } = normalizeDcgm(samples(dcgmScrape('a100Mig')));
    expect(hosts).toHaveLength(1);
    expect(hosts[0]!.gpus).toHaveLength(1);
    const gpu = hosts[0]!.gpus[0]!;
    expect(gpu.uuid).toBe('GPU-473571f2-fb37-ef7e-50fe-9885b74a23cd');
    expect(gpu.migMode.current).toBe('enabled');
    expect(gpu.migDevices.map((mig) => [mig.gpuInstanceId, mig.profile, mig.memoryUsedMiB, mig.memoryTotalMiB])).toEqual([
      [5, '2g.10gb', 13, 9856],
      [7, '1g.5gb', 6, 4863],
      [8, '1g.5gb', 4384, 4864],
      [9, '1g.5gb', 6, 4863],
    ]);
    // No DCGM_FI_DEV_GPU_UTIL under MIG: one 1g instance of seven slices is 40.8493 % busy.
    expect(gpu.utilizationGpuPct).toBeCloseTo((0.408493 / 7) * 100, 6);
    expect(gpu.memoryUsedMiB).toBe(6 + 4384 + 6 + 13);
    expect(gpu.memoryTotalMiB).toBeNull();
    // Device fields repeat on each MIG row (the capture's rows were read at two instants): the largest one.
    expect(gpu.powerDrawW).toBe(112.252);
    expect(gpu.temperatureC).toBe(35);
  });

  it('reads the T4 captures with pci_bus_id, pod labels and GR_ENGINE_ACTIVE beside GPU_UTIL', () => {
    const idle = normalizeDcgm(samples(dcgmScrape('t4Idle'))).hosts[0]!;
    expect(idle.hostname).toBe('ip-172-20-10-123');
    expect(idle.gpus[0]).toMatchObject({ uuid: 'GPU-00e54cc1-4465-041c-1075-5f7b1358e51e', pciBusId: '00000000:00:1E.0', name: 'Tesla T4', memoryTotalMiB: 14916, temperatureC: 23 });
    const busy = normalizeDcgm(samples(dcgmScrape('t4Busy'))).hosts[0]!;
    expect(busy.gpus[0]).toMatchObject({ utilizationGpuPct: 0, memoryUsedMiB: 120, powerDrawW: 28.167 });
  });

  it('reads UUID/uuid and Hostname/hostname in either spelling, and the same GPUs whatever the series order', () => {
    const original = normalizeDcgm(samples(dcgmScrape('a100Mig')));
    const renamed = samples(dcgmScrape('a100Mig')).map((sample) => {
      const { UUID, Hostname, ...rest } = sample.labels;
      return { ...sample, labels: { ...rest, uuid: UUID!, hostname: Hostname! } };
    });
    expect(normalizeDcgm(renamed.reverse())).toEqual(original);
  });

  it('takes the host from a fallback when no host label exists, and skips series with neither host nor GPU', () => {
    const rows = samples(dcgmScrape('t4Idle')).map((sample) => {
      const { Hostname: _host, ...rest } = sample.labels;
      return { ...sample, labels: rest };
    });
    expect(normalizeDcgm(rows).ignored).toBe(rows.filter((row) => isDcgmMetric(row.name)).length);
    const withFallback = normalizeDcgm(rows, { fallbackHost: () => '10.0.0.7:9400' });
    expect(withFallback.hosts.map((host) => host.hostname)).toEqual(['10.0.0.7:9400']);
    expect(normalizeDcgm([{ name: 'DCGM_FI_DEV_GPU_TEMP', labels: { Hostname: 'h' }, value: 40 }]).ignored).toBe(1);
  });
});

describe('DCGM blank values', () => {
  it('treats the int64 and fp64 sentinels, NaN and infinities as no reading (derived from the A100 capture)', () => {
    let text = withValue(dcgmScrape('a100'), 'DCGM_FI_DEV_GPU_TEMP', '9223372036854775794');
    text = withValue(text, 'DCGM_FI_DEV_POWER_USAGE', '140737488355328');
    text = withValue(text, 'DCGM_FI_DEV_FB_USED', '9223372036854775792');
    text = withValue(text, 'DCGM_FI_DEV_GPU_UTIL', 'NaN');
    const gpu = normalizeDcgm(samples(text)).hosts[0]!.gpus[0]!;
    expect([gpu.temperatureC, gpu.powerDrawW, gpu.memoryUsedMiB, gpu.memoryTotalMiB]).toEqual([null, null, null, null]);
    // GPU_UTIL is blank, so the utilization falls back to the profiling field (0 in the capture).
    expect(gpu.utilizationGpuPct).toBe(0);
  });

  it('keeps real large values of int64 fields (an energy counter of 2^47 mJ is a real reading)', () => {
    expect(dcgmValue('DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION', 140737488355328)).toBe(140737488355328);
    expect(dcgmValue('DCGM_FI_DEV_POWER_USAGE', 140737488355330)).toBeNull();
    expect(dcgmValue('DCGM_FI_DEV_GPU_TEMP', 9223372036854775000)).toBe(9223372036854775000);
  });
});

describe('health from DCGM counters (derived copies of the A100 capture)', () => {
  it('a row remap failure and uncorrectable remapped rows use the nvidia-smi health rules', () => {
    const text = withValue(dcgmScrape('a100'), 'DCGM_FI_DEV_ROW_REMAP_FAILURE', '1');
    expect(normalizeDcgm(samples(text)).hosts[0]!.gpus[0]!.health).toEqual({ status: 'failing', reasons: ['remap-failure'] });
  });

  it('clock event bits set thermal slowdown and power brake', () => {
    const text = `${dcgmScrape('a100')}# TYPE DCGM_FI_DEV_CLOCK_THROTTLE_REASONS gauge\nDCGM_FI_DEV_CLOCK_THROTTLE_REASONS{gpu="0",UUID="GPU-7099682b-a20d-2bcc-74ab-b9060454d81e",Hostname="nvidia-dcgm-exporter-drqwq"} 192\n`;
    expect(normalizeDcgm(samples(text)).hosts[0]!.gpus[0]!.health.reasons).toEqual(['power-brake', 'thermal-slowdown']);
  });

  it('two GPUs of one host with one UUID are kept apart and flagged', () => {
    const text = dcgmScrape('t4Idle');
    const twin = text.replace(/gpu="0",UUID="([^"]+)",pci_bus_id="00000000:00:1E.0"/g, 'gpu="1",UUID="$1",pci_bus_id="00000000:00:1F.0"');
    const rows = [...samples(text), ...samples(twin)];
    const gpus = normalizeDcgm(rows).hosts[0]!.gpus;
    expect(gpus.map((gpu) => [gpu.index, gpu.pciBusId, gpu.health.reasons])).toEqual([
      [0, '00000000:00:1E.0', ['duplicate-uuid']],
      [1, '00000000:00:1F.0', ['duplicate-uuid']],
    ]);
  });
});

describe('last-XID semantics', () => {
  it('an XID counts from the sweep that saw the value change, for the hold time; a value found at the first sighting is shown, not scored', () => {
    const tracker = new XidTracker(60_000);
    expect(tracker.observe('g', 79, 0)).toEqual({ reason: null, since: null });
    expect(tracker.observe('g', 79, 30_000)).toEqual({ reason: null, since: null });
    expect(tracker.observe('g', 48, 60_000)).toEqual({ reason: 'ecc-uncorrectable', since: 60_000 });
    expect(tracker.observe('g', 48, 119_999).reason).toBe('ecc-uncorrectable');
    expect(tracker.observe('g', 48, 120_000).reason).toBeNull();
    expect(tracker.observe('g', 13, 130_000)).toEqual({ reason: null, since: 130_000 });
    expect(tracker.observe('g', 79, 140_000).reason).toBe('recovery-action');
    expect(tracker.observe('g', null, 150_000)).toEqual({ reason: null, since: null });
  });
});
