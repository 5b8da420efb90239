import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, bench, describe } from 'vitest';
import { NvidiaSmiReader } from '../../electron/core/inventory/gpu';
import { loadNvmlAddon } from '../../electron/core/inventory/gpu/nvml/load-addon';
import { NvmlReader } from '../../electron/core/inventory/gpu/nvml/nvml-reader';
import { fakeSmiEnv, fakeSmiOnPathEnv, fixturePath } from '../support/fake-nvidia-smi';
import { buildMockNvml, ensureNvmlAddon, mockNvmlEnv, writeMockData } from '../support/nvml-mock';
import { SIETCH_BIN } from '../support/sietch-process';
import { expectGpuCount, median, timedGroups } from './support/timed-groups';

// 1. One full read of 8 GPUs (the datakit 8× V100S capture): NVML through the addon against the
//    mock libnvidia-ml, and nvidia-smi -q -x through the simulator replaying the same capture;
//    with the addon's bare read (no normalization, no health) as the floor. Goal: NVML ≥ 20×.
// 2. The headless node (`sietch node --sample-interval 1`) sampling those 8 GPUs at 1 Hz for
//    60 s on each path (smoke: 4 s): CPU share of one core (the node and the processes it
//    spawned) and peak RSS. Goal with NVML: < 2 % of a core, < 150 MB.
// The simulator is a Node script, so each nvidia-smi run costs a Node start-up (~50-80 ms of
// CPU), more than a real nvidia-smi on a healthy GPU and less than on a busy 8-GPU server.
const smoke = process.env.SIETCH_BENCH_SMOKE === '1';
const options = smoke ? { time: 100, iterations: 3, warmupIterations: 1 } : { time: 4000, iterations: 20, warmupIterations: 3 };
const NODE_SECONDS = smoke ? 4 : 60;

const CAPTURE = fixturePath('datakit__gtx-8card.xml');
ensureNvmlAddon();
const library = buildMockNvml();
const dataDir = mkdtempSync(join(tmpdir(), 'sietch-bench-nvml-'));
const data = writeMockData(dataDir, CAPTURE);
process.env.SIETCH_NVML_MOCK_DATA = data;
const load = loadNvmlAddon();
if (!load.ok) throw new Error(load.message);
const addon = load.addon;
if (addon.open(library).stage !== 'ok') throw new Error('the mock NVML library did not open');
const nvml = new NvmlReader(addon, { library });
const smi = new NvidiaSmiReader({ env: fakeSmiEnv({ capture: CAPTURE }) });

const { groups, timed } = timedGroups();

const READ = 'one full read of 8 GPUs';
const BARE = 'bare: addon.read() against the mock, no normalization (floor)';
const NVML = 'Sietch NvmlReader.read() (NVML, mock library)';
const SMI = 'Sietch NvidiaSmiReader.read() (nvidia-smi -q -x, simulator)';
describe(READ, () => {
  bench(BARE, timed(READ, BARE, async () => expectGpuCount((await addon.read()).devices.length, 'addon.read()')), options);
  bench(NVML, timed(READ, NVML, async () => expectGpuCount((await nvml.read()).gpus.length, 'NvmlReader')), options);
  bench(SMI, timed(READ, SMI, async () => expectGpuCount((await smi.read()).gpus.length, 'NvidiaSmiReader')), options);
});

interface NodeRun {
  path: string;
  seconds: number;
  cpuPct: number;
  peakRssMiB: number;
  ticks: number;
  gpusPerTick: number;
}
const nodeRuns: NodeRun[] = [];

/** utime+stime of the process and of its waited-for children (the nvidia-smi runs), in seconds. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the command: state is field 3; utime, stime, cutime, cstime are 14-17 (1-based).
  const ticks = [11, 12, 13, 14].reduce((sum, at) => sum + Number(fields[at]), 0);
  return ticks / 100;
}

function peakRssMiB(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

/** Runs the headless node on one path; measures from its first JSON line (started) to the end. */
async function runNode(path: string, env: NodeJS.ProcessEnv): Promise<NodeRun> {
  const dir = mkdtempSync(join(tmpdir(), 'sietch-bench-node-'));
  const child = spawn(process.execPath, [SIETCH_BIN, 'node', '--json', '--sample-interval', '1', '--epoch', '3600', '--data-dir', dir], { env: { ...env, SIETCH_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`sietch node exited with ${code}: ${stderr}`)));
  });
  const pid = child.pid!;
  // Let start-up (first sweeps, migrations) finish: the steady state is what runs for months.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const cpuBefore = cpuSeconds(pid);
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, NODE_SECONDS * 1000));
  const cpu = cpuSeconds(pid) - cpuBefore;
  const seconds = (performance.now() - started) / 1000;
  const peak = peakRssMiB(pid);
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  const db = new Database(join(dir, 'sietch.db'), { readonly: true });
  const ticks = db.prepare("SELECT count(*) FROM sampler_ticks WHERE gpu_state = 'ok'").pluck().get() as number;
  const gpusPerTick = (db.prepare('SELECT max(count) FROM tick_samples').pluck().get() as number | null) ?? 0;
  db.close();
  if (gpusPerTick !== 8) throw new Error(`the node on ${path} sampled ${gpusPerTick} GPUs per tick, not 8: ${stderr}`);
  return { path, seconds, cpuPct: (cpu / seconds) * 100, peakRssMiB: peak, ticks, gpusPerTick };
}

const NODE = `the headless node sampling 8 GPUs at 1 Hz for ${NODE_SECONDS} s`;
const once = { time: 0, iterations: 1, warmupIterations: 0, warmupTime: 0 };
describe(NODE, () => {
  bench('NVML (mock library)', async () => void nodeRuns.push(await runNode('nvml', mockNvmlEnv(library, data))), once);
  bench('nvidia-smi (simulator on PATH)', async () => void nodeRuns.push(await runNode('nvidia-smi', fakeSmiOnPathEnv({ capture: CAPTURE }))), once);
});

afterAll(() => {
  const out: string[] = [];
  for (const [group, tasks] of groups) {
    out.push(`\n${group} — median, and the nvidia-smi read over each:`);
    const smiMedian = median(tasks.get(SMI) ?? []);
    for (const [name, values] of tasks) out.push(`  ${name.padEnd(64)} ${median(values).toFixed(3).padStart(9)} ms   nvidia-smi/this ${(smiMedian / median(values)).toFixed(1)}×   (${values.length} runs)`);
  }
  if (nodeRuns.length > 0) out.push(`\n${NODE}:`);
  for (const run of nodeRuns) out.push(`  ${run.path.padEnd(12)} CPU ${run.cpuPct.toFixed(2)} % of a core, peak RSS ${run.peakRssMiB.toFixed(0)} MiB, ${run.ticks} ticks in ${run.seconds.toFixed(1)} s, ${run.gpusPerTick} GPUs per tick`);
  process.stdout.write(`${out.join('\n')}\n`);
});
