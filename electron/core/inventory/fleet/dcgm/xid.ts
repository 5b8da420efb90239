import type { GpuHealthReason } from '../../gpu/types';

/**
 * What the last XID means for health. DCGM_FI_DEV_XID_ERRORS is not a count: it holds the code
 * of the most recent XID and keeps it after the error is over (a reset does not clear it). So the
 * value alone cannot say whether a GPU is still in trouble; see XidTracker for how long an XID
 * counts. Only the codes after which NVIDIA asks for a reset, a reboot or a memory repair change
 * health; application faults (13, 31, 43, 45 …) and contained errors (94) are shown, not scored.
 */
const XID_REASONS: Readonly<Record<number, GpuHealthReason>> = {
  48: 'ecc-uncorrectable', // double-bit ECC error
  95: 'ecc-uncorrectable', // uncontained ECC error
  140: 'ecc-uncorrectable', // unrecovered ECC error
  63: 'remap-pending', // row remapping / page retirement recorded, applied at the next reset
  64: 'remap-failure', // row remapping / page retirement failed
  61: 'recovery-action', // internal micro-controller breakpoint
  62: 'recovery-action', // internal micro-controller halt
  74: 'recovery-action', // NVLink error
  79: 'recovery-action', // GPU has fallen off the bus
  119: 'recovery-action', // GSP RPC timeout
  120: 'recovery-action', // GSP error
};

export function xidReason(xid: number | null): GpuHealthReason | null {
  return xid === null ? null : (XID_REASONS[xid] ?? null);
}

/**
 * Remembers, per GPU, the last XID value and when Sietch saw it change. An XID counts for health
 * from the sweep that saw the value change until `holdMs` later (or until the value changes
 * again). A non-zero value already there at the first sighting (Sietch started after the error,
 * or the exporter restarted) is shown but not scored: nothing says when it happened.
 */
export class XidTracker {
  // One entry per GPU ever seen: as large as the fleet, never more.
  private readonly last = new Map<string, { xid: number; since: number | null }>();

  constructor(private readonly holdMs: number) {}

  /** The reason this GPU's XID gives at `at`, and since when the value is known (null: before the first sighting). */
  observe(gpuKey: string, xid: number | null, at: number): { reason: GpuHealthReason | null; since: number | null } {
    if (xid === null) return { reason: null, since: null };
    const known = this.last.get(gpuKey);
    let since: number | null;
    if (known === undefined) since = null;
    else if (known.xid !== xid) since = at;
    else since = known.since;
    this.last.set(gpuKey, { xid, since });
    const active = since !== null && at - since < this.holdMs;
    return { reason: active ? xidReason(xid) : null, since };
  }

}
