// Smooth, repeatable variation with time: sums of slow sine waves, phase-shifted per GPU, so a
// chart of the simulated server moves like a real one (no jumps, no noise) and two runs at the
// same instant print the same numbers.

const TAU = 2 * Math.PI;

/** A value in [-1, 1] that drifts with time; each GPU has its own phase. */
export function wave(timeMs, gpuIndex, periodSec = 240) {
  const t = timeMs / 1000;
  return 0.7 * Math.sin((TAU * t) / periodSec + gpuIndex * 0.83) + 0.3 * Math.sin((TAU * t) / (periodSec / 6.3) + gpuIndex * 1.91);
}

export const clamp = (value, low, high) => Math.min(high, Math.max(low, value));

export function variedUtilization(base, gpuIndex, timeMs) {
  return Math.round(clamp(base + 25 * wave(timeMs, gpuIndex, 180), 0, 100));
}

export function variedPower(base, gpuIndex, timeMs) {
  return Math.max(0, base * (1 + 0.15 * wave(timeMs, gpuIndex, 150)));
}

/** Applies the variation to one GPU block of an XML report: utilization and power draws. */
function varyBlock(block, gpuIndex, timeMs) {
  return block
    .replace(/<(gpu_util|memory_util)>(\d+(?:\.\d+)?) %<\/\1>/g, (_, tag, value) => `<${tag}>${variedUtilization(Number(value), gpuIndex, timeMs)} %</${tag}>`)
    .replace(/<(power_draw|instant_power_draw|average_power_draw)>(\d+(?:\.\d+)?) W<\/\1>/g, (_, tag, value) => `<${tag}>${variedPower(Number(value), gpuIndex, timeMs).toFixed(2)} W</${tag}>`);
}

/** Every `<gpu>` of a report varied with time (SIETCH_FAKE_SMI_VARY=1). */
export function varyXml(xml, timeMs) {
  let gpuIndex = -1;
  return xml.replace(/<gpu id="[^"]*">[\s\S]*?<\/gpu>/g, (block) => varyBlock(block, ++gpuIndex, timeMs));
}

/** The same variation for one cell of a captured `--query-gpu` table. */
export function varyCell(field, value, gpuIndex, timeMs) {
  const match = /^(\d+(?:\.\d+)?)(\s*\S*)$/.exec(value);
  if (!match) return value;
  const base = Number(match[1]);
  if (field === 'utilization.gpu' || field === 'utilization.memory') return `${variedUtilization(base, gpuIndex, timeMs)}${match[2]}`;
  if (field === 'power.draw' || field === 'power.draw.instant' || field === 'power.draw.average') return `${variedPower(base, gpuIndex, timeMs).toFixed(2)}${match[2]}`;
  return value;
}
