#!/usr/bin/env node
// `npm test`: every phase in order, each timed, stopping at the first failure. The last line
// is "tests: N passed, N failed" summed over the vitest projects, for CI to read.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const reportDir = join('test-results', 'vitest');
rmSync(reportDir, { recursive: true, force: true });
mkdirSync(reportDir, { recursive: true });

const vitest = (project) => ['npx', ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${join(reportDir, `${project}.json`)}`]];
const phases = [
  ['lint', ['npx', ['eslint', '--max-warnings', '0', '.']]],
  ['typecheck (node side)', ['npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']]],
  ['typecheck (renderer)', ['npx', ['tsc', '-p', 'renderer/tsconfig.json', '--noEmit']]],
  ['build', ['npm', ['run', 'build']]],
  ['unit', vitest('unit')],
  ['integration', vitest('integration')],
  ['e2e', vitest('e2e')],
  ['bench (smoke)', ['npm', ['run', 'bench:smoke']]],
];

const timings = [];
let failedPhase = null;
for (const [name, [command, args]] of phases) {
  const started = Date.now();
  process.stdout.write(`\n=== ${name} ===\n`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  timings.push(`${name.padEnd(24)} ${seconds.padStart(7)} s  ${result.status === 0 ? 'ok' : 'FAILED'}`);
  process.stdout.write(`=== ${name}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${seconds} s ===\n`);
  if (result.status !== 0) {
    failedPhase = name;
    break;
  }
}

let passed = 0;
let failed = 0;
for (const project of ['unit', 'integration', 'e2e']) {
  const file = join(reportDir, `${project}.json`);
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests + (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}

process.stdout.write(`\nPhase times:\n${timings.map((line) => `  ${line}`).join('\n')}\n`);
if (failedPhase) process.stdout.write(`\nFAILED in phase: ${failedPhase}\n`);
// Skipped or todo tests count as failures: a skipped test is a defect here.
process.stdout.write(`tests: ${passed} passed, ${failed} failed\n`);
process.exit(failedPhase || failed > 0 ? 1 : 0);
