import type { Db } from '../../db/open';
import type { Journal } from '../../journal/journal';
import type { Logger } from '../../log/logger';
import type { NetworkProfile } from '../report/network-profiles';
import type { ReportSigner } from '../report/offchain-attestation';
import { closeDueEpochs, type ClosedEpoch } from './epoch-closer';
import type { GpuEvidenceCollector } from './gpu-evidence-collector';
import { signPendingReports } from './report-signer';
import { rollUpAndPrune } from './rollup';
import { Sampler, type SamplerDeps } from './sampler';
import { countStoredSamples } from './tick-samples-store';

export interface AttestationNodeOptions {
  sampleIntervalMs: number;
  epochMs: number;
  unknownGraceMs: number;
  rawRetentionMs: number;
  rollupRetentionMs: number;
  network: NetworkProfile;
}

export interface AttestationNodeDeps {
  db: Db;
  journal: Journal;
  logger: Logger;
  sampler: Omit<SamplerDeps, 'db'>;
  onEpochClosed?: (epoch: ClosedEpoch) => void;
  onReportsSigned?: (seqs: number[]) => void;
  /** Hardware evidence per GPU and epoch (configured off: none). */
  evidence?: GpuEvidenceCollector | null;
}

const ROLLUP_EVERY_MS = 3_600_000;

/**
 * The node: samples every interval, closes every epoch that has ended, signs what it can. One
 * tick at a time; stop() waits for the tick in flight, so SIGTERM never cuts a transaction.
 * Without an unlocked key it keeps sampling and closing: reports wait 'unsigned' and are signed
 * in order once a signer is set.
 */
export class AttestationNode {
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<void> | null = null;
  private signer: ReportSigner | null = null;
  private lastRollupAt = 0;
  private ticks = 0;
  private samplesStored: number | null = null;
  private lastTickAt: number | null = null;

  private readonly sampler: Sampler;

  constructor(private readonly deps: AttestationNodeDeps, readonly options: AttestationNodeOptions) {
    this.sampler = new Sampler({ db: deps.db, ...deps.sampler });
  }

  get running(): boolean {
    return this.timer !== null;
  }

  status(): { running: boolean; ticks: number; lastTickAt: number | null; signer: string | null; samplesStored: number } {
    // Counted once, then kept up to date by the ticks: a sum per status request would read every kept tick.
    this.samplesStored ??= countStoredSamples(this.deps.db);
    return { running: this.running, ticks: this.ticks, lastTickAt: this.lastTickAt, signer: this.signer?.address ?? null, samplesStored: this.samplesStored };
  }

  /** The registered local GPUs of the last reading (whom the evidence collector asks). */
  localGpus(): ReturnType<Sampler['localGpus']> {
    return this.sampler.localGpus();
  }

  setSigner(signer: ReportSigner | null): void {
    this.signer = signer;
    if (signer) void this.runExclusive(() => this.signPending());
  }

  start(): void {
    if (this.timer) return;
    // Close what ended while the node was stopped before the first new sample.
    void this.runExclusive(() => this.tick());
    this.timer = setInterval(() => void this.runExclusive(() => this.tick()), this.options.sampleIntervalMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.inFlight;
    await this.deps.evidence?.settle();
  }

  /**
   * One tick, exposed for tests: sample, close due epochs, sign, and now and then roll up. A
   * tick attests its slot — its time rounded down to the sampling interval — so a late timer
   * does not open a gap in observedBps; a slot already sampled is not sampled twice.
   */
  async tick(now: () => number = Date.now): Promise<void> {
    const { db, journal, logger } = this.deps;
    const interval = this.options.sampleIntervalMs;
    const slot = Math.floor(now() / interval) * interval;
    if (db.prepare('SELECT 1 FROM sampler_ticks WHERE at = ?').get(slot)) return;
    const sampled = await this.sampler.take(interval, slot);
    if (this.samplesStored !== null) this.samplesStored += sampled.samples;
    this.ticks += 1;
    this.lastTickAt = sampled.at;
    const closed = closeDueEpochs(db, journal, this.options.epochMs, now(), { unknownGraceMs: this.options.unknownGraceMs });
    for (const epoch of closed) {
      logger.info({ seq: epoch.seq, assets: epoch.assetCount, observedBps: epoch.observedBps, root: epoch.merkleRoot }, 'epoch closed');
      this.deps.onEpochClosed?.(epoch);
    }
    await this.signPending();
    // Outside the tick's chain: asking GPUs for evidence can take seconds each, and sampling must
    // not wait for it. The collector runs one collection at a time and stop() waits for it.
    void this.deps.evidence?.collectDue().catch((error: unknown) => logger.error({ err: error }, 'GPU evidence collection failed'));
    if (now() - this.lastRollupAt >= ROLLUP_EVERY_MS) {
      this.lastRollupAt = now();
      rollUpAndPrune(db, now() - this.options.rawRetentionMs, now() - this.options.rollupRetentionMs);
      this.samplesStored = null; // pruned: count again on the next status
    }
  }

  private async signPending(): Promise<void> {
    if (!this.signer) return;
    const signed = await signPendingReports(this.deps.db, this.signer, this.options.network);
    if (signed.length > 0) {
      this.deps.logger.info({ seqs: signed }, 'reports signed');
      this.deps.onReportsSigned?.(signed);
    }
  }

  private runExclusive(work: () => Promise<void>): Promise<void> {
    const previous = this.inFlight ?? Promise.resolve();
    const next = previous.then(work).catch((error: unknown) => this.deps.logger.error({ err: error }, 'attestation node tick failed'));
    this.inFlight = next;
    return next;
  }
}
