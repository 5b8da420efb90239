/**
 * When the running node's current epoch ends, for the live countdown. The status says when
 * (nextEpochEndsAt), but it is only as fresh as the last answer: between two answers the end
 * may pass. The node then closes the epoch at its next sample; after that, epochs keep their
 * UTC alignment (multiples of the epoch length since 1970), so the next end is computable here.
 */
export interface EpochCountdown {
  /** Epoch milliseconds of the end counted down to. */
  endsAt: number;
  remainingMs: number;
  /** The end has passed and the node is closing that epoch (its report is on the way). */
  closing: boolean;
}

/** How long after an epoch's end its report may take: the next sample plus some slack. */
export function closingGraceMs(sampleIntervalSeconds: number): number {
  return sampleIntervalSeconds * 1000 + 3000;
}

export function epochCountdown(reportedEnd: string | null, epochSeconds: number, sampleIntervalSeconds: number, now: number): EpochCountdown {
  const reported = reportedEnd === null ? Number.NaN : Date.parse(reportedEnd);
  if (reported > now) return { endsAt: reported, remainingMs: reported - now, closing: false };
  if (reported <= now && now - reported < closingGraceMs(sampleIntervalSeconds)) return { endsAt: reported, remainingMs: 0, closing: true };
  const epochMs = epochSeconds * 1000;
  const endsAt = (Math.floor(now / epochMs) + 1) * epochMs;
  return { endsAt, remainingMs: endsAt - now, closing: false };
}
