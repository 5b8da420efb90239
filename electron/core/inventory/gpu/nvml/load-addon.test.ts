import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { addonPath, loadNvmlAddon, sietchPackageRoot } from './load-addon';
import { describeNvmlCode, fieldOutcome, readStateFor } from './nvml-codes';

const ROOT = fileURLToPath(new URL('../../../../../', import.meta.url)).replace(/\/$/, '');

describe('finding the addon', () => {
  it('finds the package root from the sources, the CLI build and the Electron build alike', () => {
    for (const from of ['electron/core/inventory/gpu/nvml/load-addon.ts', 'dist/cli/sietch.js', 'out/main/index.js']) expect(sietchPackageRoot(join(ROOT, from))).toBe(ROOT);
    expect(sietchPackageRoot('/')).toBeNull();
  });

  it('SIETCH_NVML_ADDON overrides the path; a missing file is a reason, not a throw', () => {
    expect(addonPath({})).toBe(join(ROOT, 'native', 'build', 'Release', 'sietch_nvml.node'));
    const missing = loadNvmlAddon({ SIETCH_NVML_ADDON: '/nonexistent/sietch_nvml.node' });
    expect(missing).toEqual({ ok: false, message: 'the NVML addon is not built (/nonexistent/sietch_nvml.node is missing; `npm run build:native` builds it)' });
    const notAnAddon = loadNvmlAddon({ SIETCH_NVML_ADDON: join(ROOT, 'package.json') });
    expect(notAnAddon.ok).toBe(false);
  });
});

describe('NVML return codes', () => {
  it('NOT_SUPPORTED and an older driver are silent nulls; a lost GPU and a reset are trouble; the rest warn', () => {
    expect([3, 13, 26].map(fieldOutcome)).toEqual(['none', 'none', 'none']);
    expect([15, 16].map(fieldOutcome)).toEqual(['lost', 'reset']);
    expect([4, 9, 999, 12345].map(fieldOutcome)).toEqual(['warn', 'warn', 'warn', 'warn']);
  });

  it('a whole read stopped on a code gets a state and the code in words', () => {
    expect([9, 18, 10, 12, 28, 999].map(readStateFor)).toEqual(['driver-not-loaded', 'driver-not-loaded', 'timeout', 'not-installed', 'no-devices', 'unparsable']);
    expect(describeNvmlCode(15)).toBe('NVML_ERROR_GPU_IS_LOST (15): the GPU has fallen off the bus or is otherwise inaccessible');
    expect(describeNvmlCode(12345)).toBe('NVML error 12345 (12345): an unknown NVML error');
  });
});
