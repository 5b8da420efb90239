import { chooseGpuSource, type LocalGpuOptions } from './gpu-source';
import { NvidiaSmiReader, type NvidiaSmiReaderOptions } from './nvidia-smi-reader';
import type { GpuReadResult, GpuSampleResult } from './types';

// Readers shared by callers that read the same binary in the same environment, so that two
// parts of the app asking at once still run one nvidia-smi. Keyed by the env object itself
// (process.env unless a caller hands its own), then by the options that change the answer.
const shared = new WeakMap<NodeJS.ProcessEnv, Map<string, NvidiaSmiReader>>();

function sharedReader(options: NvidiaSmiReaderOptions): NvidiaSmiReader {
  if (options.probe) return new NvidiaSmiReader(options);
  const env = options.env ?? process.env;
  const key = JSON.stringify([options.binary ?? null, options.platform ?? null, options.timeoutMs ?? null, options.maxBufferBytes ?? null, options.resolveMigIdentities ?? true]);
  let readers = shared.get(env);
  if (!readers) shared.set(env, (readers = new Map()));
  let reader = readers.get(key);
  if (!reader) readers.set(key, (reader = new NvidiaSmiReader({ ...options, env })));
  return reader;
}

function unavailableRead(message: string): GpuReadResult {
  return { state: 'not-installed', message, source: 'nvml', binary: null, driverVersion: null, cudaVersion: null, timestamp: null, attachedGpus: null, gpus: [], warnings: [message], exitCode: null, durationMs: 0 };
}

/**
 * One full read of this host's GPUs, with health: through NVML when the addon and the driver's
 * library load, else `nvidia-smi -q -x` (gpu-source.ts decides; docs/nvml.md). Never throws.
 */
export function readLocalGpus(options: LocalGpuOptions = {}): Promise<GpuReadResult> {
  const choice = chooseGpuSource(options);
  if (choice.source === 'nvidia-smi') return sharedReader(options).read();
  return choice.reader ? choice.reader.read() : Promise.resolve(unavailableRead(choice.failure.message));
}

/**
 * Live readings for the node's sampler: NVML's per-second queries when it is available (no
 * process, no XML), else the `--query-gpu` CSV fast path, falling back to the XML. Never throws.
 */
export function sampleLocalGpus(options: LocalGpuOptions = {}): Promise<GpuSampleResult> {
  const choice = chooseGpuSource(options);
  if (choice.source === 'nvidia-smi') return sharedReader(options).sample();
  if (choice.reader) return choice.reader.sample();
  const failed = unavailableRead(choice.failure.message);
  return Promise.resolve({ state: failed.state, message: failed.message, source: 'nvml', method: 'nvml', binary: null, samples: [], warnings: failed.warnings, durationMs: 0 });
}
