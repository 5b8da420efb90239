import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, bench, describe } from 'vitest';
import { NvidiaSmiReader } from '../../electron/core/inventory/gpu';
import { classifyXmlRun } from '../../electron/core/inventory/gpu/classify-output';
import { assessHealth } from '../../electron/core/inventory/gpu/health';
import { FAKE_NVIDIA_SMI, FAKE_NVIDIA_SMI_DIR, fakeSmiEnv, fixturePath, readFixture } from '../support/fake-nvidia-smi';
import { expectGpuCount, median, timedGroups } from './support/timed-groups';

// One full read of the 8-GPU capture (datakit gtx-8card, 8× V100S, 228 kB of XML) through the
// simulated nvidia-smi, four ways: the bare baseline (execFile of the same binary + one
// fast-xml-parser parse with default options), our reader (validation, normalization, health),
// node-nvidia-smi (exec through a shell + xml2js) and systeminformation.graphics() (lspci +
// --query-gpu CSV + clinfo/xdpyinfo probes). The spawn of a Node script dominates every line;
// the ratios printed at the end are against the bare baseline.
const smoke = process.env.SIETCH_BENCH_SMOKE === '1';
const options = smoke ? { time: 100, iterations: 3, warmupIterations: 1 } : { time: 4000, iterations: 20, warmupIterations: 3 };

const CAPTURE = fixturePath('datakit__gtx-8card.xml');
const env = fakeSmiEnv({ capture: CAPTURE });

// systeminformation.graphics() lists controllers from `lspci -vvv` and merges nvidia-smi's CSV
// into them by bus address; this build machine has no lspci, so a stand-in prints the eight
// V100S of the capture. Both it and node-nvidia-smi find `nvidia-smi` on PATH, and
// systeminformation copies process.env when it is loaded: set everything before importing it.
const lspciDir = mkdtempSync(join(tmpdir(), 'sietch-bench-lspci-'));
const lspciEntries = ['0d', '0e', '0f', '10', '11', '12', '13', '14']
  .map((bus) => `00:${bus}.0 3D controller: NVIDIA Corporation GV100GL [Tesla V100S PCIe 32GB] (rev a1)\n\tSubsystem: NVIDIA Corporation Device 13d6\n\tKernel driver in use: nvidia\n`)
  .join('\n');
writeFileSync(join(lspciDir, 'lspci'), `#!/bin/sh\ncat <<'EOF'\n${lspciEntries}EOF\n`);
chmodSync(join(lspciDir, 'lspci'), 0o755);
process.env.PATH = [FAKE_NVIDIA_SMI_DIR, lspciDir, process.env.PATH ?? ''].join(delimiter);
process.env.SIETCH_FAKE_SMI_CAPTURE = CAPTURE;
delete process.env.SIETCH_FAKE_SMI_MODE;
delete process.env.SIETCH_FAKE_SMI_VARY;
const { default: si } = await import('systeminformation');
const requireHere = createRequire(import.meta.url);
const nodeNvidiaSmi = requireHere('node-nvidia-smi') as (callback: (error: unknown, data: unknown) => void) => void;
// node-nvidia-smi's own parser, with its options, for the in-process comparison.
const xml2js = createRequire(requireHere.resolve('node-nvidia-smi'))('xml2js') as { parseString(xml: string, options: object, callback: (error: unknown, data: unknown) => void): void };

const execFileAsync = promisify(execFile);
const bareParser = new XMLParser();
const reader = new NvidiaSmiReader({ env });
const sampler = new NvidiaSmiReader({ env });

const { groups, timed } = timedGroups();

const READ = 'one full read (spawn + parse), 8-GPU capture';
describe(READ, () => {
  const add = (name: string, run: () => Promise<unknown>) => bench(name, timed(READ, name, run), options);
  add('bare: execFile + fast-xml-parser parse (baseline)', async () => {
    const { stdout } = await execFileAsync(FAKE_NVIDIA_SMI, ['-q', '-x'], { env, maxBuffer: 64 * 1024 * 1024 });
    bareParser.parse(stdout);
  });
  add('Sietch NvidiaSmiReader.read() (-q -x)', async () => expectGpuCount((await reader.read()).gpus.length, 'read()'));
  add('node-nvidia-smi 1.0.0 (exec + xml2js)', () => new Promise<void>((resolve, reject) => nodeNvidiaSmi((error) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve()))));
  add('systeminformation.graphics() (lspci + CSV)', async () => expectGpuCount((await si.graphics()).controllers.filter((controller) => controller.utilizationGpu !== undefined).length, 'graphics()'));
  add('Sietch NvidiaSmiReader.sample() (--query-gpu CSV)', async () => expectGpuCount((await sampler.sample()).samples.length, 'sample()'));
});

// The same capture from a minimal stand-in (`exec cat`, a ~3 ms spawn instead of ~80 ms for a
// Node script): with the process nearly free, what each one does with the output shows.
// systeminformation cannot take part: it fixed its PATH when it was imported.
const catDir = mkdtempSync(join(tmpdir(), 'sietch-bench-cat-'));
const CAT = join(catDir, 'nvidia-smi');
writeFileSync(CAT, `#!/bin/sh\nexec cat '${CAPTURE}'\n`);
chmodSync(CAT, 0o755);
const catReader = new NvidiaSmiReader({ binary: CAT, env });
const CHEAP = 'one full read, capture replayed by `exec cat` (cheap spawn)';
/** node-nvidia-smi spawns `nvidia-smi` from process.env.PATH, read synchronously when exec() spawns. */
function withCatOnPath(start: () => void): void {
  const before = process.env.PATH;
  process.env.PATH = [catDir, before ?? ''].join(delimiter);
  try {
    start();
  } finally {
    process.env.PATH = before;
  }
}
describe(CHEAP, () => {
  const add = (name: string, run: () => Promise<unknown>) => bench(name, timed(CHEAP, name, run), options);
  add('bare: execFile + fast-xml-parser parse (baseline)', async () => {
    const { stdout } = await execFileAsync(CAT, ['-q', '-x'], { env, maxBuffer: 64 * 1024 * 1024 });
    bareParser.parse(stdout);
  });
  add('Sietch NvidiaSmiReader.read() (-q -x)', async () => expectGpuCount((await catReader.read()).gpus.length, 'read()'));
  add('node-nvidia-smi 1.0.0 (exec + xml2js)', () => new Promise<void>((resolve, reject) => withCatOnPath(() => nodeNvidiaSmi((error) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve())))));
});

// The same stdout, in process: what each one does after the spawn. Ours validates the XML,
// skips the clock tables, normalizes and grades health; the baseline only parses.
const stdout = readFixture('datakit__gtx-8card.xml');
const PARSE = 'the same 228 kB stdout, in process (no spawn)';
const parseOptions = smoke ? options : { time: 2000, warmupIterations: 20 };
describe(PARSE, () => {
  const add = (name: string, run: () => unknown) => bench(name, timed(PARSE, name, run), parseOptions);
  add('bare: fast-xml-parser, default options (baseline)', () => bareParser.parse(stdout));
  add('Sietch: validate + parse + normalize + health', () => {
    const run = classifyXmlRun({ kind: 'exited', exitCode: 0, signal: null, stdout, stderr: '', durationMs: 0 });
    assessHealth(run.log!.gpus);
  });
  add('xml2js 0.4 (node-nvidia-smi options)', () => new Promise<void>((resolve, reject) => xml2js.parseString(stdout, { explicitArray: false, trim: true }, (error) => (error ? reject(new Error(String(error))) : resolve()))));
});

afterAll(() => {
  const out: string[] = [];
  for (const [group, tasks] of groups) {
    const base = median([...tasks.values()][0] ?? []);
    out.push(`\n${group} — median, and ratio to the baseline:`);
    for (const [name, values] of tasks) out.push(`  ${name.padEnd(52)} ${median(values).toFixed(2).padStart(8)} ms   ${(median(values) / base).toFixed(2)}×   (${values.length} runs)`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
});
