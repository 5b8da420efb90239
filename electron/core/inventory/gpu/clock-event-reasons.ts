import type { GpuClockEventReasons } from './types';

/** NVML's clock-event (throttle) reason bits — what NVML returns and DCGM_FI_DEV_CLOCK_THROTTLE_REASONS reports. */
export const CLOCK_EVENT_BITS: Record<keyof GpuClockEventReasons, number> = {
  gpuIdle: 0x1,
  applicationsClocksSetting: 0x2,
  swPowerCap: 0x4,
  hwSlowdown: 0x8,
  syncBoost: 0x10,
  swThermalSlowdown: 0x20,
  hwThermalSlowdown: 0x40,
  hwPowerBrakeSlowdown: 0x80,
};

/**
 * The reasons set in a mask (null: unknown, every reason null). The mask is a 64-bit value that
 * came through a double; only its low bits are used, and `&` keeps the low bits of any integer.
 */
export function decodeClockEventReasons(mask: number | null): GpuClockEventReasons {
  const out = {} as GpuClockEventReasons;
  for (const [key, bit] of Object.entries(CLOCK_EVENT_BITS) as [keyof GpuClockEventReasons, number][]) out[key] = mask === null ? null : (mask & bit) !== 0;
  return out;
}
