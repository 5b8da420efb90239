/**
 * Basis points (10,000 = 100 %) shown as a percentage. Two decimals, always: one basis point is
 * 0.01 %, so two decimals show the value exactly (99.99 % never rounds up to a full 100 %), and a
 * fixed width keeps the digits of a column aligned.
 */
export const FULL_BPS = 10_000;

const cache = new Map<string, Intl.NumberFormat>();

function percentFormat(language: string): Intl.NumberFormat {
  let format = cache.get(language);
  if (!format) {
    format = new Intl.NumberFormat(language, { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 });
    cache.set(language, format);
  }
  return format;
}

export function formatBps(bps: number, language: string): string {
  return percentFormat(language).format(bps / FULL_BPS);
}
