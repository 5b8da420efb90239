// The DCGM fields Sietch reads from dcgm-exporter (directly or through Prometheus), and how DCGM
// says "no value". docs/fleet-sources.md maps each to the GPU record.

/** One series as both paths deliver it: a scraped sample or one element of an instant-query vector. */
export interface DcgmSeries {
  name: string;
  labels: Readonly<Record<string, string>>;
  value: number;
}

export const DCGM = {
  gpuUtil: 'DCGM_FI_DEV_GPU_UTIL',
  memCopyUtil: 'DCGM_FI_DEV_MEM_COPY_UTIL',
  encUtil: 'DCGM_FI_DEV_ENC_UTIL',
  decUtil: 'DCGM_FI_DEV_DEC_UTIL',
  grEngineActive: 'DCGM_FI_PROF_GR_ENGINE_ACTIVE',
  fbUsed: 'DCGM_FI_DEV_FB_USED',
  fbFree: 'DCGM_FI_DEV_FB_FREE',
  fbReserved: 'DCGM_FI_DEV_FB_RESERVED',
  fbTotal: 'DCGM_FI_DEV_FB_TOTAL',
  power: 'DCGM_FI_DEV_POWER_USAGE',
  powerLimit: 'DCGM_FI_DEV_POWER_MGMT_LIMIT',
  energy: 'DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION',
  gpuTemp: 'DCGM_FI_DEV_GPU_TEMP',
  memoryTemp: 'DCGM_FI_DEV_MEMORY_TEMP',
  smClock: 'DCGM_FI_DEV_SM_CLOCK',
  memClock: 'DCGM_FI_DEV_MEM_CLOCK',
  xid: 'DCGM_FI_DEV_XID_ERRORS',
  rowsCorrectable: 'DCGM_FI_DEV_CORRECTABLE_REMAPPED_ROWS',
  rowsUncorrectable: 'DCGM_FI_DEV_UNCORRECTABLE_REMAPPED_ROWS',
  rowRemapFailure: 'DCGM_FI_DEV_ROW_REMAP_FAILURE',
  rowRemapPending: 'DCGM_FI_DEV_ROW_REMAP_PENDING',
  eccSbeVolatile: 'DCGM_FI_DEV_ECC_SBE_VOL_TOTAL',
  eccDbeVolatile: 'DCGM_FI_DEV_ECC_DBE_VOL_TOTAL',
  eccSbeAggregate: 'DCGM_FI_DEV_ECC_SBE_AGG_TOTAL',
  eccDbeAggregate: 'DCGM_FI_DEV_ECC_DBE_AGG_TOTAL',
  retiredSbe: 'DCGM_FI_DEV_RETIRED_SBE',
  retiredDbe: 'DCGM_FI_DEV_RETIRED_DBE',
  retiredPending: 'DCGM_FI_DEV_RETIRED_PENDING',
  /** Renamed CLOCKS_EVENT_REASONS in DCGM 3.3; both spellings are read. */
  throttleReasons: 'DCGM_FI_DEV_CLOCK_THROTTLE_REASONS',
  clocksEventReasons: 'DCGM_FI_DEV_CLOCKS_EVENT_REASONS',
} as const;

/** Every series the fleet reads: what the Prometheus path queries, and all a scrape keeps. */
export const DCGM_METRICS: readonly string[] = Object.values(DCGM);
const WANTED = new Set(DCGM_METRICS);
export const isDcgmMetric = (name: string): boolean => WANTED.has(name);

/** Fields DCGM stores as doubles (their blank is the FP64 one); every other field we read is an int64. */
const FP64_FIELDS = new Set<string>([DCGM.power, DCGM.powerLimit, DCGM.grEngineActive]);

/**
 * DCGM fills a field it cannot read with a sentinel instead of leaving it out: for int64 fields
 * DCGM_INT64_BLANK (0x7ffffffffffffff0) and the three after it (not found, not supported, no
 * permission — e.g. 9223372036854775794); for doubles DCGM_FP64_BLANK (2^47 = 140737488355328)
 * and the three after it. Parsed as a double, every int64 sentinel rounds to 2^63, so anything at
 * or above 2^63 − 16 is one. Such a value, NaN or an infinity is "no reading", never a number.
 */
export function dcgmValue(name: string, value: number): number | null {
  if (!Number.isFinite(value)) return null;
  if (value >= INT64_BLANK) return null;
  if (FP64_FIELDS.has(name) && value >= 140737488355328 && value <= 140737488355331) return null;
  return value;
}

/** DCGM_INT64_BLANK (0x7ffffffffffffff0) as a double: 2^63, which every int64 sentinel rounds to. */
const INT64_BLANK = Number(0x7ffffffffffffff0n);

