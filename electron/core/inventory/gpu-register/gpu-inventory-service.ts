import type { GpuSourceStatus } from '../../../contract/schemas/assets';
import type { AssetRegister } from '../../assets/asset-register';
import type { Db } from '../../db/open';
import type { Journal } from '../../journal/journal';
import type { Logger } from '../../log/logger';
import type { GpuReadResult } from '../gpu/types';
import { applyGpuRead, type ApplyGpuReadOptions } from './apply-gpu-read';

export type GpuReader = () => Promise<GpuReadResult>;

export interface GpuInventoryDeps {
  db: Db;
  register: AssetRegister;
  journal: Journal;
  logger: Logger;
  read: GpuReader;
  /** The host asset id the GPUs sit in; the host sweep runs first. */
  hostId: () => Promise<string>;
  simulated: boolean;
  onChange: (ids: string[]) => void;
  onSourceChange: (status: GpuSourceStatus) => void;
}

/** Reads the local GPUs, applies the read to the register and remembers how the source is doing. */
export class GpuInventoryService {
  private status: GpuSourceStatus;
  private inFlight: Promise<GpuSourceStatus> | null = null;

  constructor(private readonly deps: GpuInventoryDeps, private readonly options: ApplyGpuReadOptions) {
    this.status = { state: 'never-read', message: null, driverVersion: null, lastReadAt: null, simulated: deps.simulated, warnings: [] };
  }

  sourceStatus(): GpuSourceStatus {
    return this.status;
  }

  /** One sweep at a time; callers during a sweep share it. */
  refresh(): Promise<GpuSourceStatus> {
    this.inFlight ??= this.sweep().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async sweep(): Promise<GpuSourceStatus> {
    const hostId = await this.deps.hostId();
    const read = await this.deps.read();
    const at = new Date();
    const touched = applyGpuRead(this.deps, hostId, read, at, this.options);
    const stateChanged = read.state !== this.status.state;
    if (stateChanged) this.deps.logger.info({ state: read.state, message: read.message, gpus: read.gpus.length }, 'GPU source state');
    this.status = { state: read.state, message: read.message, driverVersion: read.driverVersion, lastReadAt: at.toISOString(), simulated: this.deps.simulated, warnings: read.warnings };
    if (touched.length > 0) this.deps.onChange(touched);
    if (stateChanged) this.deps.onSourceChange(this.status);
    return this.status;
  }
}
