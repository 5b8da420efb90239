import type { GpuEvidenceRecord } from '../../../../electron/contract/gpu-evidence-api';
import type { EvidenceDetail } from './evidence-detail-store';

export interface MeasurementRow {
  /** SPDM measurement index: the core lists the blocks by index, an H100's are 1 to 64. */
  index: number;
  hex: string;
  bytes: number;
}

/** The device's measurement values, numbered as the GPU numbered them. */
export function measurementRows(record: GpuEvidenceRecord): MeasurementRow[] {
  return (record.device?.measurements ?? []).map((hex, at) => ({ index: at + 1, hex, bytes: hex.length / 2 }));
}

/** "gpu-evidence-gpu-GPU-6f2a…-epoch-12.json": the asset and the epoch, in characters every file system takes. */
export function evidenceFileName(record: GpuEvidenceRecord): string {
  const asset = record.assetId.replace(/[^A-Za-z0-9._-]+/g, '-');
  return `gpu-evidence-${asset}-epoch-${record.epochSeq}.json`;
}

/**
 * What "Save evidence" writes: the evidence exactly as the GPU gave it (SPDM report hex and PEM
 * chain, what `sietch attest verify-gpu` takes) with what this node concluded and the epoch's
 * nonce, so an auditor re-checks it offline and compares the verdicts (docs/gpu-evidence.md).
 */
export function evidenceFileText(detail: EvidenceDetail): string {
  const { record, evidence } = detail;
  const document = {
    assetId: record.assetId,
    epochSeq: record.epochSeq,
    nonce: record.nonce,
    prevReportHash: record.prevReportHash,
    collectedAt: record.collectedAt,
    source: record.source,
    verified: record.verified,
    failure: record.failure,
    evidenceHash: record.evidenceHash,
    device: record.device,
    checks: record.checks,
    evidence,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** A long hex value cut for a tooltip or a narrow cell: "48B02D92…94BADF4"; the whole one is shown elsewhere. */
export function shortenHex(hex: string, keep = 8): string {
  return hex.length <= keep * 2 + 1 ? hex : `${hex.slice(0, keep)}…${hex.slice(-keep)}`;
}

/**
 * The CN of a certificate subject as Node prints it ("CN=NVIDIA Device Identity CA, O=NVIDIA
 * Corporation", or one attribute per line): what a narrow status card shows, the whole in its
 * tooltip. A subject without a CN is shown whole.
 */
export function commonName(subject: string): string {
  const match = /(?:^|[,\n]\s*)CN=([^,\n]+)/.exec(subject);
  return match?.[1]?.trim() || subject;
}
