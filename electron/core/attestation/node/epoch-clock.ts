/**
 * Epochs are aligned to UTC: with a one-hour epoch they run 00:00–01:00, 01:00–02:00 … on every
 * node, whatever time it started, so reports from different nodes line up.
 */
export function epochStartFor(atMs: number, epochMs: number): number {
  return Math.floor(atMs / epochMs) * epochMs;
}

/** The epochs that ended by `nowMs`, after the one that ended at `lastEndMs` (none closed yet: from the first tick's epoch). */
export function dueEpochs(lastEndMs: number | null, firstTickMs: number | null, nowMs: number, epochMs: number): { start: number; end: number }[] {
  const from = lastEndMs ?? (firstTickMs === null ? null : epochStartFor(firstTickMs, epochMs));
  if (from === null) return [];
  const due: { start: number; end: number }[] = [];
  for (let start = from; start + epochMs <= nowMs; start += epochMs) due.push({ start, end: start + epochMs });
  return due;
}
