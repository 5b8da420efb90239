#!/usr/bin/env node
// `npm start`: the desktop console when the Electron runtime is installed; otherwise the very
// same console, headless, in the browser (`sietch serve`), with one paragraph saying why and
// how to get the desktop app. Extra arguments are passed through: `npm start -- --data-dir X`.
//
// Steps: (1) build what is missing or older than its sources, (2) find the Electron binary, or
// try Electron's own installer once, (3a) with it: make sure better-sqlite3 is built for
// Electron's ABI, then run Electron on this checkout (package.json "main" = out/main/index.js);
// (3b) without it: run `node bin/sietch.js serve`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { delimiter, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ELECTRON_PACKAGE = join(ROOT, 'node_modules', 'electron');
const INSTALL_TIMEOUT_MS = 120_000;
const passThrough = process.argv.slice(2);

const say = (text) => process.stderr.write(`${text}\n`);

/** npm/npx need a shell on Windows (.cmd files); the arguments here are fixed words. */
function run(command, args) {
  const windows = process.platform === 'win32';
  return spawnSync(windows ? `${command}.cmd` : command, args, { cwd: ROOT, stdio: 'inherit', shell: windows });
}

// ---- 1. build ------------------------------------------------------------------------------

function newestMtime(paths) {
  let newest = 0;
  const visit = (path) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (!stat.isDirectory()) {
      if (!/\.test\.tsx?$/.test(path)) newest = Math.max(newest, stat.mtimeMs);
      return;
    }
    for (const entry of readdirSync(path)) if (entry !== 'node_modules') visit(join(path, entry));
  };
  for (const path of paths) visit(join(ROOT, path));
  return newest;
}

function isStale(outputs, sources) {
  const newestSource = newestMtime(sources);
  return outputs.some((output) => {
    const file = join(ROOT, output);
    return !existsSync(file) || statSync(file).mtimeMs < newestSource;
  });
}

function build(what, command, args) {
  say(`sietch: building ${what}...`);
  const result = run(command, args);
  if (result.status !== 0) {
    say(`sietch: building ${what} failed (${[command, ...args].join(' ')}); see the errors above.`);
    process.exit(result.status ?? 1);
  }
}

// The renderer is served by both modes (app:// in Electron, HTTP by `sietch serve`), so the app build is always needed.
if (isStale(['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'], ['electron', 'renderer', 'electron.vite.config.ts', 'package.json'])) {
  build('the app (out/)', 'npx', ['electron-vite', 'build', '--logLevel', 'warn']);
}
if (isStale(['dist/cli/sietch.js'], ['electron/contract', 'electron/core', 'electron/server', 'electron/cli', 'vite.cli.config.ts', 'package.json'])) {
  build('the command line (dist/cli)', 'npm', ['run', 'build:cli']);
}

// ---- 2. the Electron runtime ----------------------------------------------------------------

/** The Electron executable if it is installed, found the way node_modules/electron/index.js finds it. */
function electronBinary() {
  const pathFile = join(ELECTRON_PACKAGE, 'path.txt');
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? join(override, name ?? 'electron') : name ? join(ELECTRON_PACKAGE, 'dist', name) : null;
  return binary && existsSync(binary) ? binary : null;
}

let electron = electronBinary();
if (!electron && !process.env.ELECTRON_SKIP_BINARY_DOWNLOAD && existsSync(join(ELECTRON_PACKAGE, 'install.js'))) {
  say('sietch: the Electron runtime is not installed; trying its installer once...');
  const result = spawnSync(process.execPath, [join(ELECTRON_PACKAGE, 'install.js')], { cwd: ROOT, stdio: 'inherit', timeout: INSTALL_TIMEOUT_MS });
  if (result.error?.code === 'ETIMEDOUT') say(`sietch: the Electron installer gave up after ${INSTALL_TIMEOUT_MS / 1000} s.`);
  electron = electronBinary();
}

// ---- 3. run ---------------------------------------------------------------------------------

/** Runs the child with our terminal, passes Ctrl+C / SIGTERM on, and leaves with its exit code. */
function runForeground(command, args, env = process.env) {
  const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    });
  }
  child.on('error', (error) => {
    say(`sietch: could not start ${relative(ROOT, command) || command}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 + (signalNumber(signal) ?? 1) : 1)));
}

function signalNumber(signal) {
  return { SIGHUP: 1, SIGINT: 2, SIGTERM: 15, SIGKILL: 9 }[signal];
}

/** True when an nvidia-smi can be found the way the reader looks for one (SIETCH_NVIDIA_SMI, then PATH). */
function nvidiaSmiPresent() {
  if (process.env.SIETCH_NVIDIA_SMI) return true;
  const names = process.platform === 'win32' ? ['nvidia-smi.exe'] : ['nvidia-smi'];
  return (process.env.PATH ?? '').split(delimiter).some((dir) => names.some((name) => existsSync(join(dir, name))));
}

function runHeadless() {
  // The product's embedded default: on a machine without NVIDIA GPUs, show the simulated 8-GPU server rather than an empty console.
  const simulate = !passThrough.includes('--simulate') && !nvidiaSmiPresent();
  if (simulate) say('Sietch: no nvidia-smi on this machine, so the console shows SIMULATED hardware (an 8-GPU server). Run `npx sietch serve` for real hardware only.');
  runForeground(process.execPath, [join(ROOT, 'bin', 'sietch.js'), 'serve', ...passThrough, ...(simulate ? ['--simulate'] : [])]);
}

if (!electron) {
  say(
    [
      '',
      'Sietch: the Electron runtime is not installed, so the desktop window cannot open. Its binary is',
      'downloaded from GitHub when Electron is installed, and that download is not possible here (no network,',
      'or ELECTRON_SKIP_BINARY_DOWNLOAD is set). To get the desktop app, on a machine with network access run',
      '`node node_modules/electron/install.js` and then `npm run rebuild:electron-native` (better-sqlite3',
      "built for Electron's ABI), then `npm start` again. Meanwhile the same console starts now, headless:",
      'open the URL printed below in your browser.',
      '',
    ].join('\n'),
  );
  runHeadless();
} else {
  const rebuilt = spawnSync(process.execPath, [join(ROOT, 'scripts', 'rebuild-electron-native.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (rebuilt.status !== 0) {
    say(
      [
        '',
        "Sietch: better-sqlite3 could not be built for Electron's ABI (see above), so the desktop app could not open",
        'its database. Starting the same console headless instead: open the URL printed below in your browser.',
        'Run `npm run rebuild:electron-native` once the cause is fixed to get the desktop window back.',
        '',
      ].join('\n'),
    );
    runHeadless();
  } else {
    // ELECTRON_RUN_AS_NODE would make the binary a plain Node and ignore the app.
    const env = { ...process.env };
    delete env.ELECTRON_RUN_AS_NODE;
    runForeground(electron, [ROOT, ...passThrough], env);
  }
}
