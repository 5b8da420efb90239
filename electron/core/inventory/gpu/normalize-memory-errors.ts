import { firstOf, flag, integer, onOff, section, sumOf, text } from './smi-values';
import type { EccCounts, GpuEcc, GpuRemappedRows, GpuRetiredPages } from './types';

// ECC counters come in three layouts, by driver generation:
// - legacy (R418-R460 captures): <single_bit>/<double_bit> blocks per memory, with <total>;
// - R515-R535: <sram_correctable>, <sram_uncorrectable>, <dram_correctable>, <dram_uncorrectable>;
// - v13 (R590): the SRAM uncorrectable count split into <sram_uncorrectable_parity> and _secded.
// Single-bit errors are the corrected ones, double-bit the uncorrected ones.

function legacyBlock(block: Record<string, unknown>): number | null {
  const total = integer(block.total);
  if (total !== null) return total;
  return sumOf(...Object.entries(block).filter(([key]) => key !== 'total').map(([, value]) => integer(value)));
}

function counts(scope: unknown): EccCounts {
  const block = section(scope);
  if ('single_bit' in block || 'double_bit' in block) {
    return { corrected: legacyBlock(section(block.single_bit)), uncorrected: legacyBlock(section(block.double_bit)) };
  }
  const sramUncorrected = firstOf(integer(block.sram_uncorrectable), sumOf(integer(block.sram_uncorrectable_parity), integer(block.sram_uncorrectable_secded)));
  return {
    corrected: sumOf(integer(block.sram_correctable), integer(block.dram_correctable)),
    uncorrected: sumOf(sramUncorrected, integer(block.dram_uncorrectable)),
  };
}

export function normalizeEcc(gpu: Record<string, unknown>): GpuEcc {
  const mode = section(gpu.ecc_mode);
  const errors = section(gpu.ecc_errors);
  const aggregate = section(errors.aggregate);
  return {
    modeCurrent: onOff(mode.current_ecc),
    modePending: onOff(mode.pending_ecc),
    volatile: counts(errors.volatile),
    aggregate: counts(errors.aggregate),
    sramThresholdExceeded: flag(aggregate.sram_threshold_exceeded),
    channelRepairPending: flag(errors.channel_repair_pending),
    tpcRepairPending: flag(errors.tpc_repair_pending),
    unrepairableMemory: flag(errors.unrepairable_memory),
  };
}

export function normalizeRetiredPages(gpu: Record<string, unknown>): GpuRetiredPages {
  const pages = section(gpu.retired_pages);
  return {
    singleBitCount: integer(section(pages.multiple_single_bit_retirement).retired_count),
    doubleBitCount: integer(section(pages.double_bit_retirement).retired_count),
    // "blacklist" is the pre-R470 name of the same flag; both are printed by some drivers.
    pending: firstOf(flag(pages.pending_retirement), flag(pages.pending_blacklist)),
  };
}

export function normalizeRemappedRows(gpu: Record<string, unknown>): GpuRemappedRows {
  // <remapped_rows>N/A</remapped_rows> on GPUs without a row remapper (pre-Ampere, MIG mode).
  const rows = section(gpu.remapped_rows);
  return {
    correctable: integer(rows.remapped_row_corr),
    uncorrectable: integer(rows.remapped_row_unc),
    pending: flag(rows.remapped_row_pending),
    failure: flag(rows.remapped_row_failure),
  };
}

/** `gpu_recovery_action` (v13), kept verbatim: None, GPU Reset, Node Reboot, Drain P2P, Drain and Reset. */
export function normalizeRecovery(gpu: Record<string, unknown>): { recoveryAction: string | null; resetRequired: boolean | null; drainAndResetRecommended: boolean | null } {
  const reset = section(gpu.gpu_reset_status);
  return {
    recoveryAction: text(gpu.gpu_recovery_action),
    resetRequired: flag(reset.reset_required),
    drainAndResetRecommended: flag(reset.drain_and_reset_recommended),
  };
}
