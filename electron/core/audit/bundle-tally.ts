import type { CheckedReport } from './report-check';

/**
 * What a verified bundle adds up to, per asset and in total: the figures an auditor reads in
 * the summary (uptime, energy, revenue, health). Tallies of separate ranges of reports merge,
 * so reports checked in parallel add up to the same numbers.
 */
export interface AssetTally {
  assetId: string;
  kind: string;
  reports: number;
  uptimeSum: number;
  minUptimeBps: number;
  energyWh: bigint;
  revenue: bigint;
  flaggedReports: number;
  identityFailures: number;
}

export interface TallyData {
  leaves: number;
  revenue: bigint;
  repaid: bigint;
  energyWh: bigint;
  uptimeSum: number;
  flaggedLeaves: number;
  identityFailures: number;
  lowest: { uptimeBps: number; assetId: string; seq: number } | null;
  assets: AssetTally[];
}

export class BundleTally {
  leaves = 0;
  revenue = 0n;
  repaid = 0n;
  energyWh = 0n;
  uptimeSum = 0;
  flaggedLeaves = 0;
  identityFailures = 0;
  lowest: TallyData['lowest'] = null;
  private readonly assets = new Map<string, AssetTally>();

  add(report: CheckedReport): void {
    this.revenue += report.revenue;
    this.repaid += report.repaid;
    for (const leaf of report.leaves) {
      this.leaves += 1;
      this.energyWh += leaf.energyWh;
      this.uptimeSum += leaf.uptimeBps;
      if (leaf.healthFlags !== 0) this.flaggedLeaves += 1;
      if (!leaf.identityOk) this.identityFailures += 1;
      if (this.lowest === null || leaf.uptimeBps < this.lowest.uptimeBps) this.lowest = { uptimeBps: leaf.uptimeBps, assetId: leaf.assetId, seq: report.seq };
      let asset = this.assets.get(leaf.assetId);
      if (!asset) {
        asset = { assetId: leaf.assetId, kind: leaf.kind, reports: 0, uptimeSum: 0, minUptimeBps: leaf.uptimeBps, energyWh: 0n, revenue: 0n, flaggedReports: 0, identityFailures: 0 };
        this.assets.set(leaf.assetId, asset);
      }
      asset.reports += 1;
      asset.uptimeSum += leaf.uptimeBps;
      asset.minUptimeBps = Math.min(asset.minUptimeBps, leaf.uptimeBps);
      asset.energyWh += leaf.energyWh;
      asset.revenue += leaf.revenue;
      if (leaf.healthFlags !== 0) asset.flaggedReports += 1;
      if (!leaf.identityOk) asset.identityFailures += 1;
    }
  }

  data(): TallyData {
    return { leaves: this.leaves, revenue: this.revenue, repaid: this.repaid, energyWh: this.energyWh, uptimeSum: this.uptimeSum, flaggedLeaves: this.flaggedLeaves, identityFailures: this.identityFailures, lowest: this.lowest, assets: [...this.assets.values()] };
  }

  merge(other: TallyData): void {
    this.leaves += other.leaves;
    this.revenue += other.revenue;
    this.repaid += other.repaid;
    this.energyWh += other.energyWh;
    this.uptimeSum += other.uptimeSum;
    this.flaggedLeaves += other.flaggedLeaves;
    this.identityFailures += other.identityFailures;
    if (other.lowest && (this.lowest === null || other.lowest.uptimeBps < this.lowest.uptimeBps || (other.lowest.uptimeBps === this.lowest.uptimeBps && other.lowest.seq < this.lowest.seq))) this.lowest = other.lowest;
    for (const theirs of other.assets) {
      const mine = this.assets.get(theirs.assetId);
      if (!mine) {
        this.assets.set(theirs.assetId, { ...theirs });
        continue;
      }
      mine.reports += theirs.reports;
      mine.uptimeSum += theirs.uptimeSum;
      mine.minUptimeBps = Math.min(mine.minUptimeBps, theirs.minUptimeBps);
      mine.energyWh += theirs.energyWh;
      mine.revenue += theirs.revenue;
      mine.flaggedReports += theirs.flaggedReports;
      mine.identityFailures += theirs.identityFailures;
    }
  }
}
