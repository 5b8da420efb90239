import { describe, expect, it } from 'vitest';
import { readFixture } from '../../../../test/support/fake-nvidia-smi';
import { attachMigIdentities, needsMigIdentities, parseGpuList } from './mig-identities';
import { logOf } from './test-captures';

/** The `-L` section of a multi-section capture, as the capture holds it. */
function listSection(name: string): string {
  const text = readFixture(name);
  const start = text.indexOf('# $ nvidia-smi -L');
  const body = text.slice(text.indexOf('\n', text.indexOf('\n', start) + 1) + 1);
  return body.slice(0, body.indexOf('#####'));
}

describe('MIG identities from nvidia-smi -L', () => {
  it('parses GPUs and their MIG devices (profile, index, UUID) from the H100 MIG capture', () => {
    const listed = parseGpuList(listSection('nvidia_gpu_exporter__linux-x86_64__nvidia-h100-mig__590.48.01.txt'));
    expect(listed).toEqual([
      {
        position: 0,
        name: 'NVIDIA H100 80GB HBM3',
        uuid: null,
        mig: [
          { profile: '3g.40gb', index: 0, uuidRaw: 'MIG-00000000-0000-0000-0000-000000000000' },
          { profile: '2g.20gb', index: 1, uuidRaw: 'MIG-00000001-0000-0000-0000-000000000001' },
          { profile: '1g.10gb', index: 2, uuidRaw: 'MIG-00000002-0000-0000-0000-000000000002' },
          { profile: '1g.10gb', index: 3, uuidRaw: 'MIG-00000003-0000-0000-0000-000000000003' },
        ],
      },
    ]);
  });

  it('reads the R450-era MIG UUID form and ignores other lines', () => {
    const listed = parseGpuList('GPU 0: A100-SXM4-40GB (UUID: GPU-5fd4d6a8-4f2d-c2cf-5a0c-63a2b6d5a0f4)\n  MIG 1g.5gb Device 0: (UUID: MIG-GPU-5fd4d6a8-4f2d-c2cf-5a0c-63a2b6d5a0f4/7/0)\nsomething else\n');
    expect(listed[0]!.mig).toEqual([{ profile: '1g.5gb', index: 0, uuidRaw: 'MIG-GPU-5fd4d6a8-4f2d-c2cf-5a0c-63a2b6d5a0f4/7/0' }]);
  });

  it('gives the A100 capture MIG devices their profile and UUID by position and index', () => {
    const gpus = logOf(readFixture('telegraf__a100-sxm4-v12.xml')).gpus;
    expect(needsMigIdentities(gpus)).toBe(true);
    const listing = 'GPU 0: NVIDIA A100-SXM4-80GB (UUID: GPU-513536b6-7d19-9063-b049-1e69664bb298)\n  MIG 1g.20gb     Device  0: (UUID: MIG-0a1b2c3d-0000-4000-8000-000000000001)\n  MIG 1g.20gb     Device  1: (UUID: MIG-0a1b2c3d-0000-4000-8000-000000000002)\n';
    expect(attachMigIdentities(gpus, parseGpuList(listing))).toEqual([]);
    expect(gpus[0]!.migDevices.map((device) => [device.index, device.profile, device.uuid])).toEqual([
      [0, '1g.20gb', 'MIG-0a1b2c3d-0000-4000-8000-000000000001'],
      [1, '1g.20gb', 'MIG-0a1b2c3d-0000-4000-8000-000000000002'],
      [2, null, null],
      [3, null, null],
    ]);
  });

  it('refuses a listing whose GPU at that position has another UUID', () => {
    const gpus = logOf(readFixture('telegraf__a100-sxm4-v12.xml')).gpus;
    const warnings = attachMigIdentities(gpus, parseGpuList('GPU 0: NVIDIA A100-SXM4-80GB (UUID: GPU-ffffffff-7d19-9063-b049-1e69664bb298)\n  MIG 1g.20gb Device 0: (UUID: MIG-x)\n'));
    expect(warnings).toEqual(['GPU 0: nvidia-smi -L does not list it at the same position; its MIG device UUIDs and profiles are unknown']);
    expect(gpus[0]!.migDevices[0]!.profile).toBeNull();
  });

  it('is not needed without MIG', () => {
    expect(needsMigIdentities(logOf(readFixture('datakit__gtx-8card.xml')).gpus)).toBe(false);
  });
});
