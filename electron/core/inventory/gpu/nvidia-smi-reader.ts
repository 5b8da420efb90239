import { classifyFailure, classifyXmlRun, quote } from './classify-output';
import { assessHealth } from './health';
import { locateNvidiaSmi, type BinaryProbe } from './locate-binary';
import { attachMigIdentities, needsMigIdentities, parseGpuList } from './mig-identities';
import { parseSampleCsv, SAMPLE_FIELD_SETS, sampleArgs, samplesFromRead } from './query-gpu-csv';
import { runNvidiaSmi, type RunOptions, type RunOutcome } from './run-nvidia-smi';
import type { GpuReadResult, GpuSampleResult } from './types';
import { ReadSampleFlight } from './read-sample-flight';

export interface NvidiaSmiReaderOptions {
  /** Run this binary; otherwise SIETCH_NVIDIA_SMI, PATH, and the Windows driver folders. */
  binary?: string;
  /** Environment for the lookup and for the child (default process.env). */
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  probe?: BinaryProbe;
  /** Per command; the process is SIGKILLed at the deadline. Default 10 s. */
  timeoutMs?: number;
  /** Default 64 MiB. */
  maxBufferBytes?: number;
  /** Run `nvidia-smi -L` when MIG devices lack a UUID or profile in the XML. Default true. */
  resolveMigIdentities?: boolean;
}

/** Why a `-L` or `--query-gpu` run gave nothing usable, in a few words. */
function whyItFailed(outcome: RunOutcome): string {
  if (outcome.kind === 'exited' && outcome.exitCode === 0) return 'its output is not in the expected format';
  if (outcome.kind === 'exited') return `exit ${outcome.exitCode ?? outcome.signal}${outcome.stderr ? `: ${quote(outcome.stderr)}` : ''}`;
  return classifyFailure(outcome)?.message ?? outcome.kind;
}

/**
 * Reads the local GPUs through nvidia-smi. At most one nvidia-smi process per reader at a time
 * (each run takes NVML locks, and stacking runs on a sick GPU makes it worse): concurrent reads
 * share the read in flight, a sample asked during a read is taken from that read.
 */
export class NvidiaSmiReader {
  private readonly flight = new ReadSampleFlight((read) => samplesFromRead(read, []));
  /** Index into SAMPLE_FIELD_SETS that this driver accepted; -1 once none did (XML from then on). */
  private sampleFieldSet: number | null = null;

  constructor(private readonly options: NvidiaSmiReaderOptions = {}) {}

  read(): Promise<GpuReadResult> {
    return this.flight.read(() => this.fullRead().catch((error: unknown) => this.failedRead(error)));
  }

  /** Live readings: the `--query-gpu` CSV when the driver takes it, else a full XML read. */
  sample(): Promise<GpuSampleResult> {
    return this.flight.sample(() => this.csvSample().catch((error: unknown) => samplesFromRead(this.failedRead(error), [])));
  }

  /** The promise of "never throws" kept even against a bug of ours: a state, with the cause. */
  private failedRead(error: unknown): GpuReadResult {
    const message = `reading nvidia-smi failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`;
    return { state: 'unparsable', message, source: 'nvidia-smi', binary: this.options.binary ?? null, driverVersion: null, cudaVersion: null, timestamp: null, attachedGpus: null, gpus: [], warnings: [message], exitCode: null, durationMs: 0 };
  }

  private runOptions(): RunOptions {
    return { timeoutMs: this.options.timeoutMs, maxBufferBytes: this.options.maxBufferBytes, env: this.options.env };
  }

  private locate(): { binary: string } | { message: string } {
    if (this.options.binary) return { binary: this.options.binary };
    const lookup = locateNvidiaSmi(this.options.env ?? process.env, this.options.platform ?? process.platform, this.options.probe);
    return lookup.found ? { binary: lookup.binary } : { message: lookup.message };
  }

  private async fullRead(): Promise<GpuReadResult> {
    const started = performance.now();
    const base = { source: 'nvidia-smi' as const, driverVersion: null, cudaVersion: null, timestamp: null, attachedGpus: null, gpus: [], exitCode: null };
    const located = this.locate();
    if ('message' in located) {
      return { ...base, state: 'not-installed', message: located.message, binary: null, warnings: [located.message], durationMs: performance.now() - started };
    }
    const outcome = await runNvidiaSmi(located.binary, ['-q', '-x'], this.runOptions());
    const run = classifyXmlRun(outcome);
    const gpus = run.log?.gpus ?? [];
    const warnings = [...run.warnings];
    if (this.options.resolveMigIdentities !== false && needsMigIdentities(gpus)) {
      const listed = await runNvidiaSmi(located.binary, ['-L'], this.runOptions());
      if (listed.kind === 'exited' && listed.exitCode === 0) warnings.push(...attachMigIdentities(gpus, parseGpuList(listed.stdout)));
      else warnings.push(`MIG device UUIDs and profiles are unknown: nvidia-smi -L failed (${whyItFailed(listed)})`);
    }
    return {
      ...base,
      state: run.state,
      message: run.message,
      binary: located.binary,
      driverVersion: run.log?.driverVersion ?? null,
      cudaVersion: run.log?.cudaVersion ?? null,
      timestamp: run.log?.timestamp ?? null,
      attachedGpus: run.log?.attachedGpus ?? null,
      gpus: assessHealth(gpus),
      warnings,
      exitCode: run.exitCode,
      durationMs: performance.now() - started,
    };
  }

  private async csvSample(): Promise<GpuSampleResult> {
    const started = performance.now();
    const located = this.locate();
    if ('message' in located) {
      return { state: 'not-installed', message: located.message, source: 'nvidia-smi', method: 'csv', binary: null, samples: [], warnings: [located.message], durationMs: performance.now() - started };
    }
    const fallbackWarnings: string[] = [];
    const first = this.sampleFieldSet ?? 0;
    for (let set = first; set >= 0 && set < SAMPLE_FIELD_SETS.length; set++) {
      const fields = SAMPLE_FIELD_SETS[set]!;
      const outcome = await runNvidiaSmi(located.binary, sampleArgs(fields), this.runOptions());
      const failure = classifyFailure(outcome);
      // These say something about the host, not about the CSV: the XML would say the same.
      if (failure && failure.state !== 'unparsable') {
        return { state: failure.state, message: failure.message, source: 'nvidia-smi', method: 'csv', binary: located.binary, samples: [], warnings: [failure.message], durationMs: performance.now() - started };
      }
      const samples = outcome.kind === 'exited' && outcome.exitCode === 0 ? parseSampleCsv(outcome.stdout, fields) : null;
      if (samples) {
        this.sampleFieldSet = set;
        return { state: 'ok', message: null, source: 'nvidia-smi', method: 'csv', binary: located.binary, samples, warnings: [], durationMs: performance.now() - started };
      }
      fallbackWarnings.push(`the --query-gpu fast path failed (${whyItFailed(outcome)}); falling back to the XML report`);
    }
    this.sampleFieldSet = -1;
    const read = await this.fullRead();
    return { ...samplesFromRead(read, fallbackWarnings), durationMs: performance.now() - started };
  }
}
