import { describe, expect, it } from 'vitest';
import { FAKE_NVIDIA_SMI, FAKE_NVIDIA_SMI_DIR } from '../../../../test/support/fake-nvidia-smi';
import { locateNvidiaSmi, type BinaryProbe } from './locate-binary';

/** A file tree as a map of executable paths → modification time. */
function tree(files: Record<string, number>): BinaryProbe {
  return {
    isExecutable: (file) => file in files,
    listDirectories: (dir) => [...new Set(Object.keys(files).filter((file) => file.startsWith(`${dir}\\`)).map((file) => file.slice(dir.length + 1).split('\\')[0]!))],
    modifiedAt: (file) => files[file] ?? 0,
  };
}

describe('locating nvidia-smi', () => {
  it('takes SIETCH_NVIDIA_SMI first, and says when it points nowhere', () => {
    expect(locateNvidiaSmi({ SIETCH_NVIDIA_SMI: FAKE_NVIDIA_SMI, PATH: '/usr/bin' }, 'linux')).toEqual({ found: true, binary: FAKE_NVIDIA_SMI });
    expect(locateNvidiaSmi({ SIETCH_NVIDIA_SMI: '/nowhere/nvidia-smi' }, 'linux')).toEqual({ found: false, message: 'SIETCH_NVIDIA_SMI is set to /nowhere/nvidia-smi, which is not an executable file' });
  });

  it('searches PATH on Linux, and reports a clear cause when absent', () => {
    expect(locateNvidiaSmi({ PATH: `/nowhere:${FAKE_NVIDIA_SMI_DIR}` }, 'linux')).toEqual({ found: true, binary: FAKE_NVIDIA_SMI });
    const missing = locateNvidiaSmi({ PATH: '/nowhere' }, 'linux');
    expect(missing).toEqual({ found: false, message: expect.stringContaining('nvidia-smi was not found on PATH') });
  });

  it('on Windows, tries Path, then System32, then the newest DriverStore copy', () => {
    const storeOld = 'C:\\Windows\\System32\\DriverStore\\FileRepository\\nvdm.inf_amd64_aaa\\nvidia-smi.exe';
    const storeNew = 'C:\\Windows\\System32\\DriverStore\\FileRepository\\nvltsi.inf_amd64_bbb\\nvidia-smi.exe';
    const other = 'C:\\Windows\\System32\\DriverStore\\FileRepository\\intel.inf_amd64_ccc\\nvidia-smi.exe';
    const env = { Path: 'C:\\Tools;C:\\Program Files\\NVIDIA Corporation\\NVSMI', SystemRoot: 'C:\\Windows' };
    expect(locateNvidiaSmi(env, 'win32', tree({ 'C:\\Program Files\\NVIDIA Corporation\\NVSMI\\nvidia-smi.exe': 1, 'C:\\Windows\\System32\\nvidia-smi.exe': 1 }))).toEqual({ found: true, binary: 'C:\\Program Files\\NVIDIA Corporation\\NVSMI\\nvidia-smi.exe' });
    expect(locateNvidiaSmi(env, 'win32', tree({ 'C:\\Windows\\System32\\nvidia-smi.exe': 1, [storeNew]: 9 }))).toEqual({ found: true, binary: 'C:\\Windows\\System32\\nvidia-smi.exe' });
    expect(locateNvidiaSmi(env, 'win32', tree({ [storeOld]: 1, [storeNew]: 9, [other]: 99 }))).toEqual({ found: true, binary: storeNew });
    expect(locateNvidiaSmi(env, 'win32', tree({})).found).toBe(false);
  });
});
