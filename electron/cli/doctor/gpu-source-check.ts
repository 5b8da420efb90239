import { activeGpuSource } from '../../core/inventory/gpu/gpu-source';
import type { CheckResult } from './check';

/** Which path reads this machine's GPUs (NVML through the addon, or nvidia-smi), and why. docs/nvml.md. */
export function checkGpuSource(): CheckResult {
  const active = activeGpuSource();
  if (!active.usable) return { name: 'GPU reader', area: 'hardware', status: 'fail', message: `nvml required but unavailable: ${active.reason}`, fix: 'build the addon (`npm run build:native`), install the NVIDIA driver, or unset SIETCH_GPU_SOURCE' };
  if (active.source === 'nvml') return { name: 'GPU reader', area: 'hardware', status: 'ok', message: `nvml: ${active.reason}` };
  return { name: 'GPU reader', area: 'hardware', status: 'ok', message: `nvidia-smi: ${active.reason}` };
}
