#!/usr/bin/env node
// `npm ci` / `npm install` (the root `install` script) and the tests: builds native/ (the NVML addon,
// sietch_nvml.node) with node-gyp. It is optional by design: when the build fails (no compiler, no
// Node headers) this prints one warning and exits 0, the install goes on, and Sietch reads GPUs
// through nvidia-smi as before. `--strict` makes a failure an error (CI checks that it builds).
// SIETCH_SKIP_NATIVE=1 skips it. See docs/nvml.md.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NATIVE_DIR = join(ROOT, 'native');
const ADDON = join(NATIVE_DIR, 'build', 'Release', 'sietch_nvml.node');
const strict = process.argv.includes('--strict');
const quiet = process.argv.includes('--quiet');

function finish(problem) {
  if (problem === null) {
    if (!quiet) process.stderr.write(`build-native: built ${relative(ROOT, ADDON)}\n`);
    process.exit(0);
  }
  process.stderr.write(`build-native: warning: the NVML addon was not built (${problem}); GPUs will be read through nvidia-smi.\n`);
  process.exit(strict ? 1 : 0);
}

if (process.env.SIETCH_SKIP_NATIVE === '1') finish('SIETCH_SKIP_NATIVE=1');

/** node-gyp: the one npm runs scripts with, else the copy bundled with npm beside this node, else PATH. */
function nodeGyp() {
  const candidates = [process.env.npm_config_node_gyp, join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'), join(dirname(process.execPath), 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js')];
  const found = candidates.find((candidate) => candidate && existsSync(candidate));
  return found ? [process.execPath, [found]] : [process.platform === 'win32' ? 'node-gyp.cmd' : 'node-gyp', []];
}

/** Node's headers: npm's `nodedir` when set, else the prefix this node was installed in (offline builds). */
function nodedirArgs() {
  if (process.env.npm_config_nodedir) return [`--nodedir=${process.env.npm_config_nodedir}`];
  const prefix = join(dirname(process.execPath), '..');
  return existsSync(join(prefix, 'include', 'node', 'node_api.h')) ? [`--nodedir=${prefix}`] : [];
}

const [command, prefixArgs] = nodeGyp();
const result = spawnSync(command, [...prefixArgs, 'rebuild', ...nodedirArgs()], { cwd: NATIVE_DIR, encoding: 'utf8', timeout: 5 * 60_000, shell: process.platform === 'win32' && command.endsWith('.cmd') });
if (result.error || result.status !== 0 || !existsSync(ADDON)) {
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n');
  const firstError = output.find((line) => /error|not found|ERR!/i.test(line))?.trim();
  if (!quiet && process.env.SIETCH_NATIVE_VERBOSE === '1') process.stderr.write(`${output.join('\n')}\n`);
  finish(result.error ? result.error.message : `node-gyp exited with ${result.status ?? result.signal}${firstError ? `: ${firstError.slice(0, 200)}` : ''}`);
}
try {
  const addon = createRequire(import.meta.url)(ADDON);
  if (typeof addon.open !== 'function') finish(`${relative(ROOT, ADDON)} does not export open()`);
} catch (error) {
  finish(`${relative(ROOT, ADDON)} does not load: ${error.message.split('\n')[0]}`);
}
finish(null);
