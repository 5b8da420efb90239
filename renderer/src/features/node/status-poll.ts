/**
 * How often the Node page asks for the status: the ticks and samples change once per sample, so
 * asking more often than the node samples shows nothing new (and each answer counts the samples
 * table). Never under 5 s, never over 30 s, so a 1-hour interval still shows a live status.
 */
export const MIN_STATUS_POLL_MS = 5_000;
export const MAX_STATUS_POLL_MS = 30_000;

export function statusPollMs(sampleIntervalSeconds: number | undefined): number {
  if (sampleIntervalSeconds === undefined || !Number.isFinite(sampleIntervalSeconds)) return MIN_STATUS_POLL_MS;
  return Math.min(MAX_STATUS_POLL_MS, Math.max(MIN_STATUS_POLL_MS, sampleIntervalSeconds * 1000));
}
