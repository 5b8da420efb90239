import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../../test/support/temp-dir';
import { loadConfig } from '../../config/config';
import { openDatabase } from '../../db/open';
import { silentLogger } from '../../log/logger';
import { setUpGpuEvidence } from './gpu-evidence-setup';

// node.gpuEvidence: what an operator writes in config.json, and what the node does with it.
const tempDir = useTempDirs();
const NVTRUST_ROOT = new URL('../../../../../shared/fixtures/nvtrust/nvtrust__verifier_device_root.pem', import.meta.url);

function configWith(gpuEvidence: unknown) {
  const dir = tempDir();
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ node: { gpuEvidence } }));
  return { dir, load: () => loadConfig(dir) };
}

const setUp = (dir: string, gpuEvidence: ReturnType<typeof loadConfig>['node']['gpuEvidence']) =>
  setUpGpuEvidence(gpuEvidence, { db: openDatabase(join(dir, 'sietch.db')), logger: silentLogger, targets: () => [], onCollected: () => undefined });

describe('node.gpuEvidence', () => {
  it('is off by default, and off reports no problem', () => {
    const dir = tempDir();
    const config = loadConfig(dir).node.gpuEvidence;
    expect(config).toEqual({ source: 'off', timeoutSeconds: 60 });
    const setup = setUp(dir, config);
    expect(setup.collector).toBeNull();
    expect(setup.status()).toEqual({ source: 'off', rootSubject: null, problem: null, lastCollectionAt: null, counters: { collected: 0, verified: 0, rejected: 0, failed: 0 } });
  });

  it('refuses a source without the root to verify against, or a command source without its command, naming the field', () => {
    expect(configWith({ source: 'nvml' }).load).toThrow(/node\.gpuEvidence\.rootFile.*trusted root/);
    expect(configWith({ source: 'command', rootFile: '/etc/root.pem' }).load).toThrow(/node\.gpuEvidence\.command/);
    expect(configWith({ source: 'nvml', rootFile: '/r.pem', shell: 'sh -c x' }).load).toThrow(/shell/);
  });

  it('reads the configured root once and names it; a root file that is not a certificate leaves collection off and says why', () => {
    const { dir, load } = configWith({ source: 'command', command: ['/usr/local/bin/gpu-evidence'], rootFile: NVTRUST_ROOT.pathname });
    const good = setUp(dir, load().node.gpuEvidence);
    expect(good.collector).not.toBeNull();
    expect(good.status()).toMatchObject({ source: 'command', rootSubject: 'CN=NVIDIA Device Identity CA, O=NVIDIA', problem: null });

    const notPem = join(dir, 'not-a-certificate.pem');
    writeFileSync(notPem, readFileSync(NVTRUST_ROOT, 'utf8').replace('MIIC', 'XXXX'));
    const { dir: other, load: loadOther } = configWith({ source: 'nvml', rootFile: notPem });
    const bad = setUp(other, loadOther().node.gpuEvidence);
    expect(bad.collector).toBeNull();
    expect(bad.status().problem).toMatch(/^the trusted root .*not-a-certificate\.pem is not a PEM certificate/);

    const { dir: third, load: loadThird } = configWith({ source: 'nvml', rootFile: join(dir, 'missing.pem') });
    expect(setUp(third, loadThird().node.gpuEvidence).status().problem).toMatch(/ENOENT.*missing\.pem/);
  });
});
