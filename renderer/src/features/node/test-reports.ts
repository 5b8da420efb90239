import type { NodeStatus, ReportDetail, ReportSummary } from '../../../../electron/contract/schemas/node';

const hash = (seed: number): string => `0x${seed.toString(16).padStart(2, '0').repeat(32)}`;

/** A closed, unsigned report of a 10 s epoch; override what a test is about. */
export function testReport(seq: number, overrides: Partial<ReportSummary> = {}): ReportSummary {
  const start = Date.parse('2026-11-24T15:00:00.000Z') + (seq - 1) * 10_000;
  return {
    seq,
    epochStart: new Date(start).toISOString(),
    epochEnd: new Date(start + 10_000).toISOString(),
    closedAt: new Date(start + 10_400).toISOString(),
    assetCount: 8,
    observedBps: 10_000,
    merkleRoot: hash(seq % 256),
    journalHead: hash((seq + 1) % 256),
    status: 'unsigned',
    reportHash: null,
    uid: null,
    signer: null,
    signedAt: null,
    ...overrides,
  };
}

/** Reports `from` down to `to`, newest first, as the API lists them. */
export function testReports(from: number, to: number): ReportSummary[] {
  const reports: ReportSummary[] = [];
  for (let seq = from; seq >= to; seq -= 1) reports.push(testReport(seq));
  return reports;
}

export function testStatus(overrides: Partial<NodeStatus> = {}): NodeStatus {
  return {
    running: true,
    simulated: true,
    sampleIntervalSeconds: 1,
    epochSeconds: 10,
    network: { id: 'local-devnet', name: 'Local devnet', chainId: 31337, easAddress: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512' },
    signer: null,
    ticks: 14,
    lastTickAt: '2026-11-24T15:00:14.000Z',
    samplesStored: 104,
    reports: { unsigned: 1, signed: 0, published: 0 },
    lastReport: testReport(1),
    nextEpochEndsAt: '2026-11-24T15:00:20.000Z',
    ...overrides,
  };
}

export function testDetail(seq: number, leafCount = 8): ReportDetail {
  return {
    report: testReport(seq),
    leaves: Array.from({ length: leafCount }, (_, index) => ({
      assetId: `gpu:GPU-${String(index).padStart(4, '0')}`,
      kind: 'gpu' as const,
      observedBps: 10_000,
      uptimeBps: index === 3 ? 6_500 : 10_000,
      meanUtilBps: 6_543,
      p95UtilBps: 8_000,
      energyWh: '1234',
      healthFlags: index === 3 ? ['missing'] : [],
      identityOk: true,
      revenue: 0n,
      hwAttested: false,
      evidenceHash: `0x${'00'.repeat(32)}`,
      leafHash: hash(index),
    })),
    attestation: null,
  };
}
