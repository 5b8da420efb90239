#!/usr/bin/env node
// Runs the benchmarks in test/bench (vitest bench). --smoke: a short run that only proves they work.
import { spawnSync } from 'node:child_process';

const smoke = process.argv.includes('--smoke');
const result = spawnSync('npx', ['vitest', 'bench', '--run', '--project', 'bench'], { stdio: 'inherit', env: { ...process.env, SIETCH_BENCH_SMOKE: smoke ? '1' : '' } });
process.exit(result.status ?? 1);
