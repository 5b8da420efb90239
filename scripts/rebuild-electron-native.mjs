#!/usr/bin/env node
// `npm run rebuild:electron-native`: builds better-sqlite3 for Electron's ABI into .electron-native/.
//
// Why a separate folder: better-sqlite3 is a native module and native modules are built for one
// ABI. node_modules keeps the Node build (CLI, server, tests); the Electron app loads this copy
// (electron/main/native-binding.ts). Rebuilding node_modules in place would break the other side.
//
// It needs the network: npx fetches @electron/rebuild (it cannot be installed on the build
// machines: it pulls a tarball from GitHub), which then downloads a prebuilt binary for this
// Electron version or, failing that, Electron's headers to compile one (with a C++ toolchain).
//
// Idempotent: nothing is done when the binary exists and its stamp names the same Electron,
// better-sqlite3, platform and architecture. --force rebuilds anyway; --check only reports
// (exit 0: up to date, 1: needs a rebuild).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NATIVE_DIR = join(ROOT, '.electron-native');
const NATIVE_MODULES = join(NATIVE_DIR, 'node_modules');
const BINARY = join(NATIVE_MODULES, 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
const STAMP = join(NATIVE_DIR, 'build-stamp.json');
// better-sqlite3 and what it requires at run time (bindings locates the .node file).
const COPIED = ['better-sqlite3', 'bindings', 'file-uri-to-path'];
const REBUILD_TOOL = '@electron/rebuild@3';

const args = new Set(process.argv.slice(2));
const log = (line) => process.stderr.write(`rebuild-electron-native: ${line}\n`);

function fail(paragraph, code = 1) {
  process.stderr.write(`\nrebuild-electron-native: FAILED\n${paragraph}\n`);
  process.exit(code);
}

function versionOf(name) {
  const file = join(ROOT, 'node_modules', name, 'package.json');
  if (!existsSync(file)) fail(`${relative(ROOT, file)} is missing: run \`npm ci\` first.`);
  return JSON.parse(readFileSync(file, 'utf8')).version;
}

const wanted = { electron: versionOf('electron'), betterSqlite3: versionOf('better-sqlite3'), platform: process.platform, arch: process.arch };

function readStamp() {
  try {
    return JSON.parse(readFileSync(STAMP, 'utf8'));
  } catch {
    return null;
  }
}

function upToDate() {
  const stamp = readStamp();
  return existsSync(BINARY) && stamp !== null && Object.entries(wanted).every(([key, value]) => stamp[key] === value);
}

/** npx without a shell where possible; Windows needs one for npx.cmd, so quote what has spaces. */
function npx(npxArgs, options) {
  if (process.platform !== 'win32') return spawnSync('npx', npxArgs, options);
  const quoted = npxArgs.map((arg) => (/[\s"]/.test(arg) ? `"${arg.replace(/"/g, '\\"')}"` : arg));
  return spawnSync('npx.cmd', quoted, { ...options, shell: true });
}

/** .electron-native/: a package.json naming the modules and a copy of each, without the Node build. */
function prepare() {
  rmSync(NATIVE_DIR, { recursive: true, force: true });
  mkdirSync(NATIVE_MODULES, { recursive: true });
  const dependencies = {};
  for (const name of COPIED) {
    const from = join(ROOT, 'node_modules', name);
    if (!existsSync(from)) fail(`node_modules/${name} is missing: run \`npm ci\` first.`);
    dependencies[name] = versionOf(name);
    // The Node-ABI binary is left behind: a .node file in the copy must be the Electron one.
    const nodeBuild = join(from, 'build') + sep;
    cpSync(from, join(NATIVE_MODULES, name), { recursive: true, filter: (source) => !`${source}${sep}`.startsWith(nodeBuild) });
  }
  const manifest = { name: 'sietch-electron-native', private: true, description: 'better-sqlite3 built for the Electron ABI; made by scripts/rebuild-electron-native.mjs', dependencies };
  writeFileSync(join(NATIVE_DIR, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

function rebuild() {
  log(`building better-sqlite3 ${wanted.betterSqlite3} for Electron ${wanted.electron} (${wanted.platform}-${wanted.arch}) with ${REBUILD_TOOL}...`);
  const result = npx(['--yes', REBUILD_TOOL, '--version', wanted.electron, '--module-dir', NATIVE_DIR, '--only', 'better-sqlite3', '--force'], {
    cwd: ROOT,
    stdio: 'inherit',
    timeout: 20 * 60 * 1000,
  });
  if (result.error || result.status !== 0 || !existsSync(BINARY)) {
    const why = result.error ? result.error.message : result.status !== 0 ? `${REBUILD_TOOL} exited with ${result.status ?? result.signal}` : `${relative(ROOT, BINARY)} was not produced`;
    fail(
      `Could not build better-sqlite3 for Electron ${wanted.electron}: ${why}.\n` +
        `This step needs network access: npx downloads ${REBUILD_TOOL}, which then fetches a prebuilt binary for this\n` +
        `Electron version or, when there is none, Electron's headers to compile one. Compiling also needs a C++\n` +
        `toolchain (python3, make and g++/clang; on Windows the Visual Studio Build Tools).\n` +
        `Without it the desktop app cannot open its database; the browser console (\`npm run serve\`) does not need it.`,
    );
  }
}

/** With the Electron binary at hand, load the module in Electron's Node mode and run one query. */
function verify() {
  const pathFile = join(ROOT, 'node_modules', 'electron', 'path.txt');
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const electron = override ? join(override, name ?? 'electron') : name ? join(ROOT, 'node_modules', 'electron', 'dist', name) : null;
  if (!electron || !existsSync(electron)) {
    log('the Electron runtime is not installed: the binary was built but could not be loaded for a check.');
    return;
  }
  const probe = `const Database = require(${JSON.stringify(join(NATIVE_MODULES, 'better-sqlite3'))}); const db = new Database(':memory:'); if (db.prepare('select 1 as one').get().one !== 1) process.exit(3);`;
  const result = spawnSync(electron, ['-e', probe], { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) fail(`The rebuilt better-sqlite3 does not load in Electron ${wanted.electron}:\n${(result.stderr || result.error?.message || '').trim()}`);
  log('loaded and queried it inside Electron: OK');
}

if (!args.has('--force') && upToDate()) {
  log(`up to date (better-sqlite3 ${wanted.betterSqlite3}, Electron ${wanted.electron}, ${wanted.platform}-${wanted.arch}).`);
  process.exit(0);
}
if (args.has('--check')) {
  log('a rebuild is needed: run `npm run rebuild:electron-native`.');
  process.exit(1);
}
prepare();
rebuild();
verify();
writeFileSync(STAMP, `${JSON.stringify({ ...wanted, builtAt: new Date().toISOString() }, null, 2)}\n`);
log(`done: ${relative(ROOT, BINARY)}`);
