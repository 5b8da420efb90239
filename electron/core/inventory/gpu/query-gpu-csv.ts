import { identity, integer, numberIn, text } from './smi-values';
import type { GpuReadResult, GpuSample, GpuSampleResult, NvidiaGpu } from './types';

// The sampling fast path asks only for what changes second to second. Older drivers do not
// know power.draw.instant and refuse the whole query, hence a second field set (newer drivers
// report the average as power.draw, so instant comes first).
const COMMON_HEAD = ['index', 'uuid', 'pci.bus_id', 'utilization.gpu', 'utilization.memory'];
const COMMON_TAIL = ['temperature.gpu', 'memory.used', 'clocks.sm', 'clocks.mem'];
export const SAMPLE_FIELD_SETS: readonly (readonly string[])[] = [
  [...COMMON_HEAD, 'power.draw.instant', ...COMMON_TAIL],
  [...COMMON_HEAD, 'power.draw', ...COMMON_TAIL],
];

export function sampleArgs(fields: readonly string[]): string[] {
  return [`--query-gpu=${fields.join(',')}`, '--format=csv,noheader,nounits'];
}

/** `--format=csv,noheader,nounits` rows → samples; null when the output is not that table. */
export function parseSampleCsv(output: string, fields: readonly string[]): GpuSample[] | null {
  const rows = output.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (rows.length === 0) return null;
  const samples: GpuSample[] = [];
  for (const row of rows) {
    const cells = row.split(',').map((cell) => cell.trim());
    if (cells.length !== fields.length) return null;
    const cell = (field: string): string | undefined => cells[fields.indexOf(field)];
    const index = integer(cell('index'));
    if (index === null) return null;
    samples.push({
      index,
      uuid: identity(cell('uuid')),
      pciBusId: text(cell('pci.bus_id')),
      utilizationGpuPct: numberIn(cell('utilization.gpu')),
      utilizationMemoryPct: numberIn(cell('utilization.memory')),
      powerDrawW: numberIn(cell('power.draw.instant') ?? cell('power.draw')),
      temperatureC: numberIn(cell('temperature.gpu')),
      memoryUsedMiB: numberIn(cell('memory.used')),
      smClockMHz: numberIn(cell('clocks.sm')),
      memoryClockMHz: numberIn(cell('clocks.mem')),
    });
  }
  return samples;
}

/** The same readings projected from a full XML read (the fallback). */
export function sampleFromGpu(gpu: NvidiaGpu): GpuSample {
  return {
    index: gpu.index,
    uuid: gpu.uuid,
    pciBusId: gpu.pciBusId || null,
    utilizationGpuPct: gpu.utilizationGpuPct,
    utilizationMemoryPct: gpu.utilizationMemoryPct,
    powerDrawW: gpu.powerDrawW,
    temperatureC: gpu.temperatureC,
    memoryUsedMiB: gpu.memoryUsedMiB,
    smClockMHz: gpu.clocks.smMHz,
    memoryClockMHz: gpu.clocks.memoryMHz,
  };
}

/** A full `-q -x` read seen as a sample (the fallback when the CSV path fails, and custom readers). */
export function samplesFromRead(read: GpuReadResult, extraWarnings: string[] = []): GpuSampleResult {
  return {
    state: read.state,
    message: read.message,
    source: 'nvidia-smi',
    method: 'xml',
    binary: read.binary,
    samples: read.gpus.map(sampleFromGpu),
    warnings: [...extraWarnings, ...read.warnings],
    durationMs: read.durationMs,
  };
}
