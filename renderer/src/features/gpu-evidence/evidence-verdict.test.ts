import { describe, expect, it } from 'vitest';
import type { ReportDetail } from '../../../../electron/contract/schemas/node';
import { checksToShow, countAttested, evidenceVerdict } from './evidence-verdict';
import { rejectedRecord, testRecord, uncollectedRecord } from './test-records';

type Leaf = ReportDetail['leaves'][number];
const ZERO = `0x${'00'.repeat(32)}`;
const leaf = (assetId: string, kind: Leaf['kind'], hwAttested: boolean): Leaf => ({
  assetId,
  kind,
  observedBps: 10_000,
  uptimeBps: 10_000,
  meanUtilBps: 5_000,
  p95UtilBps: 9_000,
  energyWh: '420',
  healthFlags: [],
  identityOk: true,
  revenue: 0n,
  hwAttested,
  evidenceHash: hwAttested ? `0x${'e7'.repeat(32)}` : ZERO,
  leafHash: `0x${'11'.repeat(32)}`,
});

describe('the verdict on a GPU evidence', () => {
  it('is attested when verified, rejected when evidence failed a check, not collected when none came', () => {
    expect(evidenceVerdict(testRecord())).toBe('attested');
    expect(evidenceVerdict(rejectedRecord())).toBe('rejected');
    expect(evidenceVerdict(uncollectedRecord())).toBe('uncollected');
    // Evidence that did not even parse was still given: rejected at its format, not "not collected".
    expect(evidenceVerdict(rejectedRecord({ failure: { check: 'format', reason: 'the report is 12 bytes long' } }))).toBe('rejected');
  });

  it('lists every check reported, in the verifier order, revocation and RIM as not checked offline', () => {
    const checks = checksToShow(testRecord());
    expect(checks.map((check) => check.name)).toEqual(['format', 'chain', 'validity', 'root', 'signature', 'nonce', 'fwid', 'revocation', 'rim']);
    expect(checks.filter((check) => check.status === 'not-checked-offline').map((check) => check.name)).toEqual(['revocation', 'rim']);
  });

  it('adds the online checks a core did not report, as not checked offline rather than leaving them out', () => {
    const record = testRecord();
    const withoutOnline = testRecord({ checks: record.checks.filter((check) => check.name !== 'revocation' && check.name !== 'rim') });
    const checks = checksToShow(withoutOnline);
    expect(checks.slice(-2)).toEqual([
      { name: 'revocation', status: 'not-checked-offline', detail: '' },
      { name: 'rim', status: 'not-checked-offline', detail: '' },
    ]);
    // An online service that did answer is shown with its answer, never overwritten.
    const checked = testRecord({ checks: record.checks.map((check) => (check.name === 'revocation' ? { ...check, status: 'passed', detail: 'ocsp: good' } : check)) });
    expect(checksToShow(checked).find((check) => check.name === 'revocation')).toMatchObject({ status: 'passed' });
    expect(checksToShow(checked)).toHaveLength(9);
  });

  it('has no checks to show when no evidence came', () => {
    expect(checksToShow(uncollectedRecord())).toEqual([]);
  });
});

describe('the attested count of a report', () => {
  it('counts the GPU leaves that carry verified evidence, and only GPU leaves', () => {
    const leaves = [leaf('gpu:GPU-a', 'gpu', true), leaf('gpu:GPU-b', 'gpu', false), leaf('gpu:GPU-c', 'gpu', true), leaf('host:h', 'host', false), leaf('robot:acme:1', 'robot', false)];
    expect(countAttested(leaves)).toEqual({ gpus: 3, attested: 2 });
    expect(countAttested([leaf('robot:acme:1', 'robot', false)])).toEqual({ gpus: 0, attested: 0 });
  });
});
