import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REAL_CHAIN_FILE, REAL_REPORT_FILE } from '../../../test/support/gpu-evidence-fixtures';
import { gpuEvidenceFromFiles } from './evidence-files';

const reportText = readFileSync(REAL_REPORT_FILE, 'utf8');
const chainText = readFileSync(REAL_CHAIN_FILE, 'utf8');

describe('gpuEvidenceFromFiles', () => {
  const evidence = gpuEvidenceFromFiles(reportText, chainText);

  it('takes the hex report and the PEM chain as NVIDIA writes them', () => {
    expect(evidence.format).toBe('nvidia-spdm-1.1');
    expect(evidence.report).toMatch(/^11e001ff931d8dd0/);
    expect(evidence.report).toHaveLength(8234);
    expect(evidence.certChain).toHaveLength(5);
    expect(evidence.certChain.every((pem) => pem.startsWith('-----BEGIN CERTIFICATE-----\n') && pem.endsWith('-----END CERTIFICATE-----\n'))).toBe(true);
  });

  it('gives the same evidence from raw bytes, from hex in a Buffer, and from spaced upper-case 0x hex with CRLF PEM', () => {
    const raw = Buffer.from(reportText.trim(), 'hex');
    expect(gpuEvidenceFromFiles(raw, chainText)).toEqual(evidence);
    expect(gpuEvidenceFromFiles(Buffer.from(reportText), chainText)).toEqual(evidence);
    const spaced = `0X${reportText.trim().toUpperCase().replace(/(.{32})/g, '$1 \n\t')}`;
    expect(gpuEvidenceFromFiles(spaced, chainText.replace(/\n/g, '\r\n'))).toEqual(evidence);
  });

  it('never throws: text that is not hex is kept for the format check to name', () => {
    expect(gpuEvidenceFromFiles('11 e0 zz', '').report).toBe('11e0zz');
    expect(gpuEvidenceFromFiles('', 'no certificates here').certChain).toEqual([]);
  });
});
