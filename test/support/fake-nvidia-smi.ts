import { readFileSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The simulated nvidia-smi (resources/fake-nvidia-smi/nvidia-smi), an executable Node script. */
export const FAKE_NVIDIA_SMI = fileURLToPath(new URL('../../resources/fake-nvidia-smi/nvidia-smi', import.meta.url));
export const FAKE_NVIDIA_SMI_DIR = dirname(FAKE_NVIDIA_SMI);

/** The real captures, read in place from ../shared/fixtures (never copied into the repo). */
export const NVIDIA_SMI_FIXTURES = fileURLToPath(new URL('../../../shared/fixtures/nvidia-smi/', import.meta.url));

export function fixturePath(name: string): string {
  return join(NVIDIA_SMI_FIXTURES, name);
}

export function readFixture(name: string): string {
  return readFileSync(fixturePath(name), 'utf8');
}

export type FakeSmiMode = 'hang' | 'exit9' | 'no-devices' | 'garbage' | 'truncated' | 'stderr-warning' | 'huge' | 'query-unsupported';

export interface FakeSmiSettings {
  /** A capture to replay (absolute path); none → the generated 8× H100 server. */
  capture?: string;
  mode?: FakeSmiMode;
  vary?: boolean;
  /** Freeze the simulator's clock (epoch ms) for repeatable values. */
  timeMs?: number;
  gpus?: number;
  phase?: string;
  delayMs?: number;
  /** A file the simulator appends one line to per run: how tests count processes. */
  counterFile?: string;
}

/** The environment without any simulator or NVML setting inherited from the caller's own. */
function cleanEnv(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(base).filter(([key]) => !key.startsWith('SIETCH_FAKE_SMI_') && !key.startsWith('SIETCH_NVML_') && key !== 'SIETCH_NVIDIA_SMI' && key !== 'SIETCH_GPU_SOURCE'));
}

function simulatorVars(settings: FakeSmiSettings): NodeJS.ProcessEnv {
  const vars: NodeJS.ProcessEnv = {};
  if (settings.capture) vars.SIETCH_FAKE_SMI_CAPTURE = settings.capture;
  if (settings.mode) vars.SIETCH_FAKE_SMI_MODE = settings.mode;
  if (settings.vary) vars.SIETCH_FAKE_SMI_VARY = '1';
  if (settings.timeMs !== undefined) vars.SIETCH_FAKE_SMI_TIME = String(settings.timeMs);
  if (settings.gpus !== undefined) vars.SIETCH_FAKE_SMI_GPUS = String(settings.gpus);
  if (settings.phase) vars.SIETCH_FAKE_SMI_PHASE = settings.phase;
  if (settings.delayMs !== undefined) vars.SIETCH_FAKE_SMI_DELAY_MS = String(settings.delayMs);
  if (settings.counterFile) vars.SIETCH_FAKE_SMI_COUNTER = settings.counterFile;
  return vars;
}

/** An environment where SIETCH_NVIDIA_SMI points at the simulator. */
export function fakeSmiEnv(settings: FakeSmiSettings = {}, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...cleanEnv(base), ...simulatorVars(settings), SIETCH_NVIDIA_SMI: FAKE_NVIDIA_SMI };
}

/**
 * An environment where the simulator is `nvidia-smi` on PATH (what a real install looks like).
 * SIETCH_GPU_SOURCE=nvidia-smi keeps a machine with a real NVIDIA driver on the simulator (NVML
 * would otherwise answer first: docs/nvml.md).
 */
export function fakeSmiOnPathEnv(settings: FakeSmiSettings = {}, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const clean = cleanEnv(base);
  return { ...clean, ...simulatorVars(settings), PATH: [FAKE_NVIDIA_SMI_DIR, clean.PATH ?? ''].join(delimiter), SIETCH_GPU_SOURCE: 'nvidia-smi' };
}

/** Writes a mutated copy of a capture into `dir` (the original is never touched) and returns its path. */
export function mutatedCapture(dir: string, name: string, mutate: (text: string) => string): string {
  const original = readFixture(name);
  const mutated = mutate(original);
  if (mutated === original) throw new Error(`the mutation of ${name} changed nothing`);
  const file = join(dir, `mutated-${name}`);
  writeFileSync(file, mutated);
  return file;
}

/** Runs count lines written by the simulator into a counter file. */
export function countRuns(counterFile: string): string[] {
  try {
    return readFileSync(counterFile, 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
}
