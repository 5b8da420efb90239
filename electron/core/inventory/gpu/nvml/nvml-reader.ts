import { assessHealth } from '../health';
import { identity, text } from '../smi-values';
import type { GpuReadResult, GpuReadState, GpuSample, GpuSampleResult, NvidiaGpu } from '../types';
import type { NvmlAddon, NvmlDevice, NvmlOpenOutcome, NvmlSystemRead } from './addon-types';
import { describeNvmlCode, fieldOutcome, NVML_ERROR_GPU_IS_LOST, readStateFor } from './nvml-codes';
import { normalizeNvmlDevice } from './normalize-nvml';
import { sampleFromGpu } from '../query-gpu-csv';
import { ReadSampleFlight } from '../read-sample-flight';

export const DEFAULT_NVML_TIMEOUT_MS = 10_000;
/** After nvmlInit failed, how long before it is tried again (the driver may load after Sietch). */
export const DEFAULT_RETRY_INIT_MS = 30_000;

export interface NvmlReaderOptions {
  /** Path or soname of the library (SIETCH_NVML_LIBRARY, else libnvidia-ml.so.1 / nvml.dll). */
  library: string;
  /** A read that takes longer reports `timeout`; default 10 s. */
  timeoutMs?: number;
  retryInitMs?: number;
}

export type NvmlOpenState = { ok: true; library: string } | { ok: false; state: Exclude<GpuReadState, 'ok'>; message: string; stage: NvmlOpenOutcome['stage'] };

const MIB = 1024 * 1024;
const watts = (milliwatts: number | null): number | null => (milliwatts === null ? null : Math.round(milliwatts / 10) / 100);
const numberOr = (value: unknown): number | null => (typeof value === 'number' ? value : null);

/** `11020` → `11.2`, as nvidia-smi prints the CUDA version. */
function cudaVersion(value: unknown): string | null {
  if (typeof value !== 'number' || value <= 0) return null;
  return `${Math.floor(value / 1000)}.${Math.floor((value % 1000) / 10)}`;
}

/**
 * Reads the local GPUs through NVML (the native addon). Like the nvidia-smi reader: one read at
 * a time (concurrent callers share it), never throws, every failure is a state with a message.
 *
 * A read runs on a libuv worker thread. NVML calls can hang on a GPU that fell off the bus; past
 * the timeout the read reports `timeout`, and until the stuck call returns no other is started
 * (each would pin one more of libuv's four threads, which Node's fs and crypto share).
 */
export class NvmlReader {
  private readonly flight = new ReadSampleFlight(samplesOf);
  private stuckSince: number | null = null;
  private openState: { at: number; state: NvmlOpenState } | null = null;
  /** The last good record of each GPU by NVML index: who a GPU was when it is lost. */
  private readonly known = new Map<number, NvidiaGpu>();

  constructor(
    private readonly addon: NvmlAddon,
    private readonly options: NvmlReaderOptions,
  ) {}

  get library(): string {
    return this.options.library;
  }

  /** Opens and initializes NVML (cheap after the first time); a failed init is retried after retryInitMs. */
  open(): NvmlOpenState {
    const now = Date.now();
    const previous = this.openState;
    if (previous && (previous.state.ok || previous.state.stage !== 'init-failed' || now - previous.at < (this.options.retryInitMs ?? DEFAULT_RETRY_INIT_MS))) return previous.state;
    const outcome = this.addon.open(this.options.library);
    const state: NvmlOpenState =
      outcome.stage === 'ok'
        ? { ok: true, library: outcome.library }
        : { ok: false, stage: outcome.stage, state: outcome.stage === 'init-failed' ? readStateFor(outcome.code) : 'not-installed', message: outcome.stage === 'init-failed' ? `nvmlInit failed: ${describeNvmlCode(outcome.code)}` : outcome.message };
    this.openState = { at: now, state };
    return state;
  }

  read(): Promise<GpuReadResult> {
    return this.flight.read(() => this.fullRead().catch((error: unknown) => this.failedRead('unparsable', `reading NVML failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`, 0)));
  }

  sample(): Promise<GpuSampleResult> {
    return this.flight.sample(() => this.sampleRead().catch((error: unknown) => samplesOf(this.failedRead('unparsable', `sampling NVML failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`, 0))));
  }

  private failedRead(state: Exclude<GpuReadState, 'ok'>, message: string, durationMs: number, driverVersion: string | null = null): GpuReadResult {
    return { state, message, source: 'nvml', binary: null, library: this.options.library, driverVersion, cudaVersion: null, timestamp: null, attachedGpus: null, gpus: [], warnings: [message], exitCode: null, durationMs };
  }

  /** The addon's read, or why there is none (not opened, stuck, timed out). */
  private async call(kind: 'read' | 'sample'): Promise<{ read: NvmlSystemRead } | { failure: GpuReadResult }> {
    const started = performance.now();
    const opened = this.open();
    if (!opened.ok) return { failure: this.failedRead(opened.state, opened.message, performance.now() - started) };
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_NVML_TIMEOUT_MS;
    if (this.stuckSince !== null) {
      const seconds = Math.round((Date.now() - this.stuckSince) / 1000);
      return { failure: this.failedRead('timeout', `an NVML call has not returned for ${seconds} s: the GPU subsystem is unresponsive (check dmesg for Xid errors)`, performance.now() - started) };
    }
    const pending = kind === 'read' ? this.addon.read() : this.addon.sample();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const winner = await Promise.race([pending, timedOut]);
    clearTimeout(timer);
    if (winner === 'timeout') {
      const since = Date.now();
      this.stuckSince = since;
      const release = (): void => {
        if (this.stuckSince === since) this.stuckSince = null;
      };
      pending.then(release, release);
      return { failure: this.failedRead('timeout', `NVML did not answer within ${timeoutMs / 1000} s: the GPU subsystem is unresponsive (check dmesg for Xid errors)`, performance.now() - started) };
    }
    return { read: winner };
  }

  private async fullRead(): Promise<GpuReadResult> {
    const started = performance.now();
    const outcome = await this.call('read');
    if ('failure' in outcome) return outcome.failure;
    const { read } = outcome;
    const driverVersion = text(read.values.driverVersion);
    if (read.countCode !== 0) return this.failedRead(readStateFor(read.countCode), `nvmlDeviceGetCount failed: ${describeNvmlCode(read.countCode)}`, performance.now() - started, driverVersion);
    const warnings: string[] = [];
    const gpus: NvidiaGpu[] = [];
    for (const device of read.devices) {
      const gpu = this.deviceRecord(device, warnings);
      if (gpu) gpus.push(gpu);
    }
    return {
      state: read.devices.length === 0 ? 'no-devices' : 'ok',
      message: read.devices.length === 0 ? 'NVML found no NVIDIA GPU' : null,
      source: 'nvml',
      binary: null,
      library: this.options.library,
      driverVersion,
      cudaVersion: cudaVersion(read.values.cudaDriverVersion),
      timestamp: null,
      attachedGpus: read.devices.length,
      gpus: assessHealth(gpus),
      warnings,
      exitCode: null,
      durationMs: performance.now() - started,
    };
  }

  /**
   * One device → its record, or null when it cannot be told apart from another. A GPU that is
   * lost (or needs a reset) is kept when we know who it is — from this read, or from the last
   * good one — with the recovery action NVIDIA asks for, so that its health says failing
   * instead of the GPU silently disappearing. nvidia-smi leaves such a GPU out of its report.
   */
  private deviceRecord(device: NvmlDevice, warnings: string[]): NvidiaGpu | null {
    const known = this.known.get(device.index);
    if (device.handleCode !== 0) {
      const outcome = fieldOutcome(device.handleCode);
      if ((outcome === 'lost' || outcome === 'reset') && known) {
        warnings.push(`GPU ${device.index} (${known.pciBusId}): ${describeNvmlCode(device.handleCode)}`);
        return troubled(known, device.handleCode);
      }
      warnings.push(`GPU ${device.index}: no handle: ${describeNvmlCode(device.handleCode)}; it is left out of this read`);
      return null;
    }
    const normalized = normalizeNvmlDevice(device, device.index);
    warnings.push(...normalized.warnings);
    if (normalized.trouble === null) {
      this.known.set(device.index, normalized.gpu);
      return normalized.gpu;
    }
    const gpu = normalized.gpu;
    const where = `GPU ${device.index}${gpu.pciBusId ? ` (${gpu.pciBusId})` : ''}`;
    warnings.push(`${where}: ${describeNvmlCode(normalized.trouble)}`);
    if (gpu.uuid !== null || gpu.serial !== null) return troubled(gpu, normalized.trouble);
    if (known) return troubled(known, normalized.trouble);
    warnings.push(`${where}: its identity is unknown, so it is left out of this read`);
    return null;
  }

  private async sampleRead(): Promise<GpuSampleResult> {
    const started = performance.now();
    const outcome = await this.call('sample');
    if ('failure' in outcome) return samplesOf(outcome.failure);
    const { read } = outcome;
    if (read.countCode !== 0) return samplesOf(this.failedRead(readStateFor(read.countCode), `nvmlDeviceGetCount failed: ${describeNvmlCode(read.countCode)}`, performance.now() - started));
    const warnings: string[] = [];
    const samples: GpuSample[] = [];
    for (const device of read.devices) {
      const trouble = device.handleCode !== 0 ? device.handleCode : Object.values(device.codes).find((code) => ['lost', 'reset'].includes(fieldOutcome(code)));
      if (trouble !== undefined) {
        warnings.push(`GPU ${device.index}: ${describeNvmlCode(trouble)}`);
        continue;
      }
      const values = device.values;
      samples.push({
        index: device.index,
        uuid: identity(values.uuid),
        pciBusId: text(values.pciBusId),
        utilizationGpuPct: numberOr(values.utilizationGpu),
        utilizationMemoryPct: numberOr(values.utilizationMemory),
        powerDrawW: watts(numberOr(values.powerInstantMilliwatts) ?? numberOr(values.powerUsageMilliwatts)),
        temperatureC: numberOr(values.temperatureGpu),
        memoryUsedMiB: typeof values.memoryUsedBytes === 'number' ? Math.floor(values.memoryUsedBytes / MIB) : null,
        smClockMHz: numberOr(values.clockSm),
        memoryClockMHz: numberOr(values.clockMemory),
      });
    }
    const state = read.devices.length === 0 ? 'no-devices' : 'ok';
    return { state, message: state === 'no-devices' ? 'NVML found no NVIDIA GPU' : null, source: 'nvml', method: 'nvml', binary: null, library: this.options.library, samples, warnings, durationMs: performance.now() - started };
  }
}

/** A lost GPU keeps its identity; its live readings are unknown and NVIDIA's remedy is its recovery action. */
function troubled(gpu: NvidiaGpu, code: number): NvidiaGpu {
  return {
    ...gpu,
    utilizationGpuPct: null,
    utilizationMemoryPct: null,
    powerDrawW: null,
    powerDrawAverageW: null,
    temperatureC: null,
    memoryUsedMiB: null,
    processes: [],
    // "GPU is lost. Reboot the system to recover this GPU" (nvidia-smi's words for code 15).
    recoveryAction: code === NVML_ERROR_GPU_IS_LOST ? 'Node Reboot' : 'GPU Reset',
  };
}

/** A full read seen as a sample (a sample asked while a read is in flight, or a failure). */
export function samplesOf(read: GpuReadResult): GpuSampleResult {
  return {
    state: read.state,
    message: read.message,
    source: 'nvml',
    method: 'nvml',
    binary: null,
    ...(read.library ? { library: read.library } : {}),
    samples: read.gpus
      .filter((gpu) => gpu.recoveryAction === null || gpu.recoveryAction === 'None')
      .map(sampleFromGpu),
    warnings: read.warnings,
    durationMs: read.durationMs,
  };
}
