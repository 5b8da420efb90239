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

/** One full read of this host's GPUs (`nvidia-smi -q -x`), with health. Never throws. */
export function readLocalGpus(options: NvidiaSmiReaderOptions = {}): Promise<GpuReadResult> {
  return sharedReader(options).read();
}

/** Live readings for telemetry: the `--query-gpu` CSV fast path, falling back to the XML. Never throws. */
export function sampleLocalGpus(options: NvidiaSmiReaderOptions = {}): Promise<GpuSampleResult> {
  return sharedReader(options).sample();
}
