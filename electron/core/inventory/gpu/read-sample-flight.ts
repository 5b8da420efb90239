import type { GpuReadResult, GpuSampleResult } from './types';

type InFlight = { kind: 'read'; promise: Promise<GpuReadResult> } | { kind: 'sample'; promise: Promise<GpuSampleResult> };

/**
 * One GPU query in flight at a time, shared by both readers (nvidia-smi and NVML): a caller
 * asking for what is already being fetched joins it; a sample asked during a full read is taken
 * from that read; a full read asked during a sample waits for it, then reads. A driver that hangs
 * then costs one stuck query, never a pile of them. `start` functions must not reject.
 */
export class ReadSampleFlight {
  private inFlight: InFlight | null = null;

  constructor(private readonly sampleOfRead: (read: GpuReadResult) => GpuSampleResult) {}

  read(start: () => Promise<GpuReadResult>): Promise<GpuReadResult> {
    const current = this.inFlight;
    if (current?.kind === 'read') return current.promise;
    if (current?.kind === 'sample') return current.promise.then(() => this.read(start));
    const promise = start().finally(() => this.clear(promise));
    this.inFlight = { kind: 'read', promise };
    return promise;
  }

  sample(start: () => Promise<GpuSampleResult>): Promise<GpuSampleResult> {
    const current = this.inFlight;
    if (current?.kind === 'sample') return current.promise;
    if (current?.kind === 'read') return current.promise.then(this.sampleOfRead);
    const promise = start().finally(() => this.clear(promise));
    this.inFlight = { kind: 'sample', promise };
    return promise;
  }

  private clear(promise: Promise<unknown>): void {
    if (this.inFlight?.promise === promise) this.inFlight = null;
  }
}
