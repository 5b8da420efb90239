import type { GpuEvidenceDocument } from '../../../../contract/gpu-evidence-api';
import { LIBRARY_ENV } from '../gpu-source';
import type { NvmlAttestationRead } from '../nvml/addon-types';
import { evidenceFromAttestationRead } from '../nvml/attestation-evidence';
import { loadNvmlAddon, type AddonLoad } from '../nvml/load-addon';
import { describeNvmlCode } from '../nvml/nvml-codes';
import { EvidenceCollectError, type EvidenceTarget, type GpuEvidenceSource } from './evidence-source';

/** The default of gpuEvidence.timeoutSeconds: the GPU signs each report, which is not instant. */
export const DEFAULT_NVML_EVIDENCE_TIMEOUT_MS = 60_000;

export interface NvmlEvidenceSourceOptions {
  /** Where SIETCH_NVML_ADDON and SIETCH_NVML_LIBRARY are read (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** The NVML library: a path or soname (else SIETCH_NVML_LIBRARY, else libnvidia-ml.so.1 / nvml.dll). */
  library?: string;
  /** Per GPU; a call that takes longer is given up (default 60 s). */
  timeoutMs?: number;
}

/**
 * Evidence straight from the driver: NVML's confidential-computing calls through the native addon
 * (docs/nvml.md#collecting-evidence-through-nvml). The nonce goes into the report request, so the
 * GPU signs it; the report and its certificate chain come back as the driver gave them.
 *
 * The call runs on a libuv worker thread. Past the timeout the collection fails, and until the
 * stuck call returns no other is started (each would pin one more of libuv's four threads).
 */
export class NvmlEvidenceSource implements GpuEvidenceSource {
  readonly kind = 'nvml';
  private stuckSince: number | null = null;

  constructor(
    private readonly load: AddonLoad,
    /** '' lets the addon open the driver's own library. */
    private readonly library: string,
    private readonly timeoutMs: number,
  ) {}

  async collect(target: EvidenceTarget, nonceHex: string): Promise<GpuEvidenceDocument> {
    if (!/^[0-9a-fA-F]{64}$/.test(nonceHex)) throw new EvidenceCollectError(`the evidence nonce must be 32 bytes of hex, not "${nonceHex.slice(0, 80)}"`);
    if (!Number.isInteger(target.index) || target.index < 0) throw new EvidenceCollectError(`GPU index ${target.index} is not an NVML index`);
    if (!this.load.ok) throw new EvidenceCollectError(`NVML evidence needs the native addon: ${this.load.message}`);
    const { addon } = this.load;
    if (typeof addon.attestationEvidence !== 'function') {
      throw new EvidenceCollectError(`the NVML addon at ${this.load.path} predates evidence collection: rebuild it (\`npm run build:native\`)`);
    }
    const opened = addon.open(this.library);
    if (opened.stage !== 'ok') throw new EvidenceCollectError(opened.stage === 'init-failed' ? `nvmlInit failed: ${describeNvmlCode(opened.code)}` : `NVML is unavailable: ${opened.message}`);
    if (this.stuckSince !== null) {
      const seconds = Math.round((Date.now() - this.stuckSince) / 1000);
      throw new EvidenceCollectError(`an NVML attestation call has not returned for ${seconds} s: the GPU subsystem is unresponsive (check dmesg for Xid errors)`);
    }
    const read = await this.withDeadline(addon.attestationEvidence(target.index, Buffer.from(nonceHex, 'hex')));
    return evidenceFromAttestationRead(read, target.index, target.uuid);
  }

  private async withDeadline(pending: Promise<NvmlAttestationRead>): Promise<NvmlAttestationRead> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.timeoutMs);
    });
    const winner = await Promise.race([pending, timedOut]);
    clearTimeout(timer);
    if (winner !== 'timeout') return winner;
    const since = Date.now();
    this.stuckSince = since;
    const release = (): void => {
      if (this.stuckSince === since) this.stuckSince = null;
    };
    pending.then(release, release);
    throw new EvidenceCollectError(`NVML did not give the attestation report within ${this.timeoutMs / 1000} s: the GPU subsystem is unresponsive (check dmesg for Xid errors)`);
  }
}

/**
 * The NVML evidence source the node uses when gpuEvidence.source is 'nvml'. Never throws: an
 * addon that does not load, or a driver without the calls, fails each collection with its reason
 * (counted and shown by the collector) rather than the node's start.
 */
export function createNvmlEvidenceSource(options: NvmlEvidenceSourceOptions = {}): GpuEvidenceSource {
  const env = options.env ?? process.env;
  return new NvmlEvidenceSource(loadNvmlAddon(env), options.library ?? env[LIBRARY_ENV] ?? '', options.timeoutMs ?? DEFAULT_NVML_EVIDENCE_TIMEOUT_MS);
}
