import { describe, expect, it } from 'vitest';
import { gpuEvidenceDocument, gpuEvidenceRecord } from '../../../../electron/contract/gpu-evidence-api';
import { commonName, evidenceFileName, evidenceFileText, measurementRows, shortenHex } from './evidence-formats';
import { testRecord, uncollectedRecord } from './test-records';

const EVIDENCE = gpuEvidenceDocument.parse({ format: 'nvidia-spdm-1.1', report: '1101e0ff'.repeat(4), certChain: ['-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'] });

describe('GPU evidence formats', () => {
  it('numbers the measurements from 1, as SPDM indexes them, with their size', () => {
    const rows = measurementRows(testRecord());
    expect(rows).toHaveLength(64);
    expect(rows[0]).toEqual({ index: 1, hex: '00'.repeat(48), bytes: 48 });
    expect(rows[63]?.index).toBe(64);
    expect(measurementRows(uncollectedRecord())).toEqual([]);
  });

  it('names the saved file after the asset and the epoch, in characters every file system accepts', () => {
    expect(evidenceFileName(testRecord())).toBe('gpu-evidence-gpu-GPU-6f2a1b3c-0d4e-5f60-7182-93a4b5c6d7e8-epoch-12.json');
    expect(evidenceFileName(testRecord({ assetId: 'gpu:host:4c4c/x:00000000:18:00.0', epochSeq: 3 }))).toBe('gpu-evidence-gpu-host-4c4c-x-00000000-18-00.0-epoch-3.json');
  });

  it('saves the evidence exactly as given, with the verdict and the epoch nonce, as JSON that reads back', () => {
    const record = testRecord();
    const text = evidenceFileText({ record, evidence: EVIDENCE });
    expect(text.endsWith('}\n')).toBe(true);
    const saved = JSON.parse(text);
    // The evidence part is the API document byte for byte: what `sietch attest verify-gpu` re-checks.
    expect(gpuEvidenceDocument.parse(saved.evidence)).toEqual(EVIDENCE);
    // The rest is the record the node stored, measurements included.
    const { evidence: _evidence, ...rest } = saved;
    expect(gpuEvidenceRecord.parse(rest)).toEqual(record);
    expect(rest.device.measurements).toHaveLength(64);
  });

  it('shortens a long hex value for a tooltip, and leaves a short one whole', () => {
    expect(shortenHex('4B02D92494BADF4A1C3E5F7081920A3B4C5D6E7F')).toBe('4B02D924…4C5D6E7F');
    expect(shortenHex('48B02D92494BADF4')).toBe('48B02D92494BADF4');
  });

  it("shows a root's common name, whatever the subject's layout, and a subject without one whole", () => {
    expect(commonName('CN=NVIDIA Device Identity CA, O=NVIDIA Corporation')).toBe('NVIDIA Device Identity CA');
    expect(commonName('O=Sietch synthetic test evidence, CN=Sietch Synthetic Device Identity CA')).toBe('Sietch Synthetic Device Identity CA');
    expect(commonName('C=US\nO=NVIDIA\nCN=NVIDIA Device Identity CA')).toBe('NVIDIA Device Identity CA');
    expect(commonName('O=NVIDIA Corporation')).toBe('O=NVIDIA Corporation');
  });
});
