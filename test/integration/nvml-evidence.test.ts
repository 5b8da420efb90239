import { execFileSync } from 'node:child_process';
import { randomBytes, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { verifyGpuEvidence } from '../../electron/core/gpu-evidence';
import { EvidenceCollectError, type EvidenceTarget } from '../../electron/core/inventory/gpu/evidence/evidence-source';
import { createNvmlEvidenceSource, NvmlEvidenceSource } from '../../electron/core/inventory/gpu/evidence/nvml-evidence-source';
import { loadNvmlAddon } from '../../electron/core/inventory/gpu/nvml/load-addon';
import { fixturePath } from '../support/fake-nvidia-smi';
import { REAL_CHAIN_FILE, REAL_NONCE, REAL_REPORT_FILE, realChainPems, realEvidence, realRootPem } from '../support/gpu-evidence-fixtures';
import { buildMockNvml, ensureNvmlAddon, writeMockData, type MockDataOptions } from '../support/nvml-mock';
import { useTempDirs } from '../support/temp-dir';

// Evidence through NVML's confidential-computing calls, end to end below the node: the real addon
// calls the mock libnvidia-ml (test/nvml-mock/mock-nvml.c), which serves the REAL H100 evidence
// captured by NVIDIA's nvtrust (report hex and PEM chain, read where they lie) and records the
// nonce it was handed. The GPU is the real H100 nvidia-smi capture, turned into the mock's data.
const tempDir = useTempDirs();
const H100_CAPTURE = fixturePath('nvidia_gpu_exporter__linux-x86_64__nvidia-h100-80gb-hbm3__590.48.01.txt');
const H100_UUID = 'GPU-00000000-0000-0000-0000-000000000000';
const CC_VARIABLES = ['SIETCH_NVML_MOCK_CC_STATE', 'SIETCH_NVML_MOCK_CC_REPORT', 'SIETCH_NVML_MOCK_CC_CHAIN', 'SIETCH_NVML_MOCK_CC_NONCE_OUT', 'SIETCH_NVML_MOCK_CC_DELAY_MS'];

ensureNvmlAddon();
const library = buildMockNvml();
/** The same mock built as a driver before R535: no confidential-computing functions at all. */
let libraryWithoutCc = '';
beforeAll(() => {
  const source = fileURLToRepo('test/nvml-mock/mock-nvml.c');
  libraryWithoutCc = join(mkdtempSync(join(tmpdir(), 'sietch-nvml-mock-r530-')), 'libnvidia-ml.so.1');
  execFileSync(process.env.CC ?? 'gcc', ['-shared', '-fPIC', '-O2', '-Wall', '-Wextra', '-Werror', '-DSIETCH_MOCK_NVML_NO_CC', '-I', fileURLToRepo('native/src'), '-o', libraryWithoutCc, source], { stdio: 'pipe' });
});

function fileURLToRepo(path: string): string {
  return new URL(`../../${path}`, import.meta.url).pathname;
}

afterEach(() => {
  for (const name of CC_VARIABLES) delete process.env[name];
});

const h100: EvidenceTarget = { assetId: 'gpu-h100-0', uuid: H100_UUID, index: 0 };
const freshNonce = (): string => randomBytes(32).toString('hex');

/** Points the mock (it reads the process environment at each call) at the H100's data and the real evidence; returns the nonce record. */
function useH100(options: MockDataOptions & { cc?: Record<string, string | undefined>; data?: (text: string) => string } = {}): string {
  const dir = tempDir();
  const file = writeMockData(dir, H100_CAPTURE, options);
  if (options.data) writeFileSync(file, options.data(readFileSync(file, 'utf8')));
  process.env.SIETCH_NVML_MOCK_DATA = file;
  const nonces = join(dir, 'nonces.txt');
  const cc: Record<string, string | undefined> = { SIETCH_NVML_MOCK_CC_STATE: '1 2 0', SIETCH_NVML_MOCK_CC_REPORT: REAL_REPORT_FILE, SIETCH_NVML_MOCK_CC_CHAIN: REAL_CHAIN_FILE, SIETCH_NVML_MOCK_CC_NONCE_OUT: nonces, ...options.cc };
  for (const [name, value] of Object.entries(cc)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  return nonces;
}

const recorded = (file: string): string[] => readFileSync(file, 'utf8').trim().split('\n');

async function failure(promise: Promise<unknown>): Promise<EvidenceCollectError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(EvidenceCollectError);
  return error as EvidenceCollectError;
}

describe('NVML evidence from an H100 in confidential-computing mode', () => {
  it('returns the driver report byte for byte and the chain of 5 PEMs, leaf first; the nonce reached the driver call', async () => {
    const nonces = useH100();
    const nonce = freshNonce();
    const evidence = await createNvmlEvidenceSource({ library }).collect(h100, nonce);
    expect(evidence.format).toBe('nvidia-spdm-1.1');
    const captureBytes = Buffer.from(readFileSync(REAL_REPORT_FILE, 'utf8').trim(), 'hex');
    expect(captureBytes.length).toBe(4117);
    expect(Buffer.from(evidence.report, 'hex').equals(captureBytes)).toBe(true);
    expect(evidence.certChain).toHaveLength(5);
    expect(evidence.certChain).toEqual(realChainPems());
    expect(evidence).toEqual(realEvidence());
    const commonNames = evidence.certChain.map((pem) => /^CN=(.*)$/m.exec(new X509Certificate(pem).subject)?.[1]);
    expect(commonNames).toEqual(['GH100 A01 GSP FMC LF', 'GH100 A01 GSP BROM', 'NVIDIA GH100 Provisioner ICA 1', 'NVIDIA GH100 Identity', 'NVIDIA Device Identity CA']);
    expect(recorded(nonces)).toEqual([`gpu 0 nonce ${nonce}`]);
  });

  it('the collected document is what the verifier checks: it verifies with the capture nonce and fails "nonce" with ours', async () => {
    useH100();
    const evidence = await createNvmlEvidenceSource({ library }).collect(h100, freshNonce());
    const withCaptureNonce = await verifyGpuEvidence(evidence, { root: realRootPem(), nonce: REAL_NONCE });
    expect(withCaptureNonce.failure ?? null).toBeNull();
    expect(withCaptureNonce.ok).toBe(true);
    // The capture's nonce is fixed: the nonce we sent is not in it, as a replayed report's would not be.
    const withOurs = await verifyGpuEvidence(evidence, { root: realRootPem(), nonce: freshNonce() });
    expect(withOurs.ok).toBe(false);
    expect(withOurs.failure?.check).toBe('nonce');
  });

  it('SIETCH_NVML_LIBRARY picks the library when no option names one; each GPU is asked by its index', async () => {
    // A second H100, derived from the capture's GPU with another UUID (a mutated copy of its data).
    const second = 'GPU-11111111-2222-3333-4444-555555555555';
    const nonces = useH100({ data: (text) => `${text}${text.slice(text.indexOf('device 0 0')).replace('device 0 0', 'device 1 0').replace(H100_UUID, second)}` });
    const source = createNvmlEvidenceSource({ env: { SIETCH_NVML_LIBRARY: library } });
    const [first, other] = [freshNonce(), freshNonce()];
    await source.collect(h100, first);
    await source.collect({ assetId: 'gpu-h100-1', uuid: second, index: 1 }, other);
    expect(recorded(nonces)).toEqual([`gpu 0 nonce ${first}`, `gpu 1 nonce ${other}`]);
    // Renumbered GPUs: index 1 is not the GPU the inventory knew there; its evidence is not used.
    const error = await failure(source.collect({ assetId: 'gpu-h100-1', uuid: 'GPU-99999999-0000-0000-0000-000000000000', index: 1 }, freshNonce()));
    expect(error.message).toBe(`GPU 1 is ${second}, not GPU-99999999-0000-0000-0000-000000000000: the GPUs were renumbered since the inventory was read; its evidence is not used`);
  });
});

describe('NVML evidence: what stops it, and the reason given', () => {
  it('CC mode off: the report call answers NOT_SUPPORTED and the reason says CC is off', async () => {
    const nonces = useH100({ cc: { SIETCH_NVML_MOCK_CC_STATE: '0 0 0', SIETCH_NVML_MOCK_CC_REPORT: undefined } });
    const error = await failure(createNvmlEvidenceSource({ library }).collect(h100, freshNonce()));
    expect(error.message).toBe(
      `GPU 0 (${H100_UUID}) gave no attestation report: confidential computing is off on this host (nvmlSystemGetConfComputeState: CC feature disabled); evidence needs R535+ and CC mode on (nvmlDeviceGetConfComputeGpuAttestationReport: NVML_ERROR_NOT_SUPPORTED (3): not supported on this GPU)`,
    );
    expect(recorded(nonces)).toHaveLength(1);
  });

  it('NOT_SUPPORTED with no CC state to explain it: names the GPU class and driver it needs', async () => {
    useH100({ cc: { SIETCH_NVML_MOCK_CC_STATE: undefined, SIETCH_NVML_MOCK_CC_REPORT: undefined } });
    const error = await failure(createNvmlEvidenceSource({ library }).collect(h100, freshNonce()));
    expect(error.message).toBe(
      `GPU 0 (${H100_UUID}) gave no attestation report: NVML_ERROR_NOT_SUPPORTED (3): not supported on this GPU; evidence needs a Hopper or newer GPU in confidential-computing mode (needs R535+ and CC mode on)`,
    );
  });

  it('a report without its certificate chain is no evidence', async () => {
    useH100({ cc: { SIETCH_NVML_MOCK_CC_CHAIN: undefined } });
    const error = await failure(createNvmlEvidenceSource({ library }).collect(h100, freshNonce()));
    expect(error.message).toMatch(/^GPU 0 \(GPU-0{8}-[0-9-]+\) gave no attestation certificate chain: NVML_ERROR_NOT_SUPPORTED \(3\)/);
  });

  it('a chain that holds no PEM certificate (a mutated copy of the real one, its BEGIN lines removed)', async () => {
    const chain = join(tempDir(), 'chain.txt');
    writeFileSync(chain, readFileSync(REAL_CHAIN_FILE, 'utf8').replaceAll('-----BEGIN CERTIFICATE-----', ''));
    useH100({ cc: { SIETCH_NVML_MOCK_CC_CHAIN: chain } });
    const error = await failure(createNvmlEvidenceSource({ library }).collect(h100, freshNonce()));
    expect(error.message).toBe(`GPU 0 (${H100_UUID}): the driver's attestation certificate chain holds no PEM certificate`);
  });

  it('a driver before R535 (the functions are missing from the library): a clear reason, no crash', async () => {
    useH100();
    const error = await failure(createNvmlEvidenceSource({ library: libraryWithoutCc }).collect(h100, freshNonce()));
    expect(error.message).toBe('the NVIDIA driver has no confidential-computing attestation (nvmlDeviceGetConfComputeGpuAttestationReport is missing: needs R535+ and CC mode on)');
    // The same process goes back to a library that has them.
    await expect(createNvmlEvidenceSource({ library }).collect(h100, freshNonce())).resolves.toMatchObject({ format: 'nvidia-spdm-1.1' });
  });

  it('a lost GPU (every query answers GPU_IS_LOST)', async () => {
    useH100({ device: { 0: ['* 15'] } });
    const error = await failure(createNvmlEvidenceSource({ library }).collect(h100, freshNonce()));
    expect(error.message).toBe('GPU 0 gave no attestation report: nvmlDeviceGetConfComputeGpuAttestationReport failed: NVML_ERROR_GPU_IS_LOST (15): the GPU has fallen off the bus or is otherwise inaccessible');
  });

  it('a GPU index NVML does not have', async () => {
    useH100();
    const error = await failure(createNvmlEvidenceSource({ library }).collect({ ...h100, index: 3 }, freshNonce()));
    expect(error.message).toBe('GPU 3: NVML has no such GPU: NVML_ERROR_INVALID_ARGUMENT (2): invalid argument');
  });

  it('a GPU slow to sign: past the timeout the collection fails, and no other call starts until it returns', async () => {
    useH100({ cc: { SIETCH_NVML_MOCK_CC_DELAY_MS: '1200' } });
    const source = createNvmlEvidenceSource({ library, timeoutMs: 200 });
    expect((await failure(source.collect(h100, freshNonce()))).message).toBe('NVML did not give the attestation report within 0.2 s: the GPU subsystem is unresponsive (check dmesg for Xid errors)');
    expect((await failure(source.collect(h100, freshNonce()))).message).toMatch(/^an NVML attestation call has not returned for \d+ s/);
    delete process.env.SIETCH_NVML_MOCK_CC_DELAY_MS;
    await new Promise((resolve) => setTimeout(resolve, 1300));
    await expect(source.collect(h100, freshNonce())).resolves.toMatchObject({ format: 'nvidia-spdm-1.1' });
  });

  it('no addon, no NVML library, a bad nonce: each says so', async () => {
    useH100();
    const noAddon = createNvmlEvidenceSource({ env: { SIETCH_NVML_ADDON: '/nonexistent/sietch_nvml.node' }, library });
    expect((await failure(noAddon.collect(h100, freshNonce()))).message).toBe('NVML evidence needs the native addon: the NVML addon is not built (/nonexistent/sietch_nvml.node is missing; `npm run build:native` builds it)');
    const noLibrary = createNvmlEvidenceSource({ library: '/nonexistent/libnvidia-ml.so.1' });
    expect((await failure(noLibrary.collect(h100, freshNonce()))).message).toMatch(/^NVML is unavailable: cannot open \/nonexistent\/libnvidia-ml\.so\.1/);
    const source = createNvmlEvidenceSource({ library });
    expect((await failure(source.collect(h100, 'abcd'))).message).toBe('the evidence nonce must be 32 bytes of hex, not "abcd"');
  });

  it('an addon built before evidence collection is told apart from a driver without it', async () => {
    const load = loadNvmlAddon();
    if (!load.ok) throw new Error(load.message);
    const { attestationEvidence: _left, ...older } = load.addon;
    const source = new NvmlEvidenceSource({ ok: true, addon: older, path: '/opt/old/sietch_nvml.node' }, library, 1000);
    expect((await failure(source.collect(h100, freshNonce()))).message).toBe('the NVML addon at /opt/old/sietch_nvml.node predates evidence collection: rebuild it (`npm run build:native`)');
  });

  it('the addon refuses a nonce that is not 32 bytes before any driver call', () => {
    const load = loadNvmlAddon();
    if (!load.ok) throw new Error(load.message);
    expect(() => load.addon.attestationEvidence!(0, Buffer.alloc(31))).toThrow(new TypeError('attestationEvidence: the nonce must be 32 bytes'));
    expect(() => load.addon.attestationEvidence!(-1, Buffer.alloc(32))).toThrow(/whole number/);
  });
});
