import type { GpuReadState } from '../types';

// NVML's return codes (nvmlReturn_t), what each means for one field and for a whole read.
// docs/nvml.md has the same table for people.

/** What a code means for a single field. `none`: no value and nothing to report (the GPU or the
 * driver does not have it, like nvidia-smi's N/A). `warn`: no value, and a warning says why.
 * `lost`/`reset`: the GPU itself is in trouble (it is kept, flagged, when we know who it is). */
export type FieldOutcome = 'none' | 'warn' | 'lost' | 'reset';

interface CodeInfo {
  name: string;
  text: string;
  field: FieldOutcome;
  /** The state of a read that stops here (nvmlInit or nvmlDeviceGetCount returning it). */
  state: Exclude<GpuReadState, 'ok'>;
}

const CODES: Record<number, CodeInfo> = {
  1: { name: 'NVML_ERROR_UNINITIALIZED', text: 'NVML was not initialized', field: 'warn', state: 'driver-not-loaded' },
  2: { name: 'NVML_ERROR_INVALID_ARGUMENT', text: 'invalid argument', field: 'warn', state: 'unparsable' },
  3: { name: 'NVML_ERROR_NOT_SUPPORTED', text: 'not supported on this GPU', field: 'none', state: 'unparsable' },
  4: { name: 'NVML_ERROR_NO_PERMISSION', text: 'insufficient permissions', field: 'warn', state: 'driver-not-loaded' },
  5: { name: 'NVML_ERROR_ALREADY_INITIALIZED', text: 'already initialized', field: 'none', state: 'unparsable' },
  6: { name: 'NVML_ERROR_NOT_FOUND', text: 'not found', field: 'none', state: 'no-devices' },
  7: { name: 'NVML_ERROR_INSUFFICIENT_SIZE', text: 'buffer too small', field: 'warn', state: 'unparsable' },
  8: { name: 'NVML_ERROR_INSUFFICIENT_POWER', text: 'external power cables are not properly attached', field: 'warn', state: 'unparsable' },
  9: { name: 'NVML_ERROR_DRIVER_NOT_LOADED', text: 'the NVIDIA driver is not loaded', field: 'warn', state: 'driver-not-loaded' },
  10: { name: 'NVML_ERROR_TIMEOUT', text: 'the driver timed out', field: 'warn', state: 'timeout' },
  11: { name: 'NVML_ERROR_IRQ_ISSUE', text: 'the kernel detected an interrupt issue with a GPU', field: 'warn', state: 'driver-not-loaded' },
  12: { name: 'NVML_ERROR_LIBRARY_NOT_FOUND', text: 'the NVML library was not found', field: 'warn', state: 'not-installed' },
  13: { name: 'NVML_ERROR_FUNCTION_NOT_FOUND', text: 'this driver does not have the call', field: 'none', state: 'not-installed' },
  14: { name: 'NVML_ERROR_CORRUPTED_INFOROM', text: "the GPU's infoROM is corrupted", field: 'warn', state: 'unparsable' },
  15: { name: 'NVML_ERROR_GPU_IS_LOST', text: 'the GPU has fallen off the bus or is otherwise inaccessible', field: 'lost', state: 'driver-not-loaded' },
  16: { name: 'NVML_ERROR_RESET_REQUIRED', text: 'the GPU needs a reset before it can be used again', field: 'reset', state: 'driver-not-loaded' },
  17: { name: 'NVML_ERROR_OPERATING_SYSTEM', text: 'the operating system (or a cgroup) blocked the request', field: 'warn', state: 'driver-not-loaded' },
  18: { name: 'NVML_ERROR_LIB_RM_VERSION_MISMATCH', text: 'the NVML library and the kernel driver are different versions (reboot after a driver update)', field: 'warn', state: 'driver-not-loaded' },
  19: { name: 'NVML_ERROR_IN_USE', text: 'the GPU is in use', field: 'warn', state: 'unparsable' },
  20: { name: 'NVML_ERROR_MEMORY', text: 'out of memory', field: 'warn', state: 'unparsable' },
  21: { name: 'NVML_ERROR_NO_DATA', text: 'no data', field: 'none', state: 'unparsable' },
  22: { name: 'NVML_ERROR_VGPU_ECC_NOT_SUPPORTED', text: 'not available on a vGPU with ECC enabled', field: 'none', state: 'unparsable' },
  23: { name: 'NVML_ERROR_INSUFFICIENT_RESOURCES', text: 'insufficient resources', field: 'warn', state: 'unparsable' },
  24: { name: 'NVML_ERROR_FREQ_NOT_SUPPORTED', text: 'frequency not supported', field: 'none', state: 'unparsable' },
  25: { name: 'NVML_ERROR_ARGUMENT_VERSION_MISMATCH', text: 'the driver does not know this version of the call', field: 'none', state: 'unparsable' },
  26: { name: 'NVML_ERROR_DEPRECATED', text: 'deprecated by this driver', field: 'none', state: 'unparsable' },
  27: { name: 'NVML_ERROR_NOT_READY', text: 'the system is not ready', field: 'warn', state: 'driver-not-loaded' },
  28: { name: 'NVML_ERROR_GPU_NOT_FOUND', text: 'no GPU was found', field: 'warn', state: 'no-devices' },
  29: { name: 'NVML_ERROR_INVALID_STATE', text: 'the GPU is not in a state to answer', field: 'warn', state: 'unparsable' },
  999: { name: 'NVML_ERROR_UNKNOWN', text: 'an internal driver error occurred', field: 'warn', state: 'unparsable' },
};

const UNKNOWN: CodeInfo = { name: 'NVML_ERROR_UNKNOWN', text: 'an unknown NVML error', field: 'warn', state: 'unparsable' };

export const NVML_SUCCESS = 0;
export const NVML_ERROR_GPU_IS_LOST = 15;
export const NVML_ERROR_RESET_REQUIRED = 16;

function info(code: number): CodeInfo {
  return CODES[code] ?? { ...UNKNOWN, name: `NVML error ${code}` };
}

/** `NVML_ERROR_GPU_IS_LOST (15): the GPU has fallen off the bus…` */
export function describeNvmlCode(code: number): string {
  const known = info(code);
  return `${known.name} (${code}): ${known.text}`;
}

export function fieldOutcome(code: number): FieldOutcome {
  return info(code).field;
}

/** The read state when the whole read stopped on `code` (nvmlInit, nvmlDeviceGetCount). */
export function readStateFor(code: number): Exclude<GpuReadState, 'ok'> {
  return info(code).state;
}
