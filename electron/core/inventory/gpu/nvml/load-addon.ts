import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NvmlAddon } from './addon-types';

/** Overrides where sietch_nvml.node is looked for (a packaged app, a test). */
export const ADDON_ENV = 'SIETCH_NVML_ADDON';
const ADDON_RELATIVE = join('native', 'build', 'Release', 'sietch_nvml.node');

/**
 * The Sietch package root, found by walking up from this module to the package.json named
 * "sietch": the same answer from the sources (tests), from dist/cli/sietch.js (the CLI build,
 * where this module is bundled) and from out/main (the Electron build).
 */
export function sietchPackageRoot(from: string = fileURLToPath(import.meta.url)): string | null {
  let dir = dirname(from);
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'sietch') return dir;
      } catch {
        // an unreadable package.json is not ours; keep walking
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

export function addonPath(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env[ADDON_ENV]) return env[ADDON_ENV];
  const root = sietchPackageRoot();
  return root === null ? null : join(root, ADDON_RELATIVE);
}

export type AddonLoad = { ok: true; addon: NvmlAddon; path: string } | { ok: false; message: string };

let cached: { path: string; load: AddonLoad } | null = null;

/**
 * Loads the addon once per path. N-API keeps it ABI-stable, so the one build (made by `npm ci`)
 * loads in Node and in Electron's main process alike. A missing or broken build is not an error
 * of Sietch: the caller falls back to nvidia-smi.
 */
export function loadNvmlAddon(env: NodeJS.ProcessEnv = process.env): AddonLoad {
  const path = addonPath(env);
  if (path === null) return { ok: false, message: 'the Sietch package root was not found, so neither was the NVML addon' };
  if (cached?.path === path) return cached.load;
  let load: AddonLoad;
  if (!existsSync(path)) {
    load = { ok: false, message: `the NVML addon is not built (${path} is missing; \`npm run build:native\` builds it)` };
  } else {
    try {
      const addon = createRequire(import.meta.url)(path) as NvmlAddon;
      load = typeof addon.open === 'function' ? { ok: true, addon, path } : { ok: false, message: `${path} is not the NVML addon` };
    } catch (error) {
      load = { ok: false, message: `the NVML addon does not load: ${(error as Error).message.split('\n')[0]}` };
    }
  }
  cached = { path, load };
  return load;
}
