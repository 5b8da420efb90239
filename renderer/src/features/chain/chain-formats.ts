/**
 * Wei as ETH for people: exact digits from the bigint (no float), at most `digits` decimals,
 * trailing zeros dropped, grouped by the language's rules ("1,234.5678 ETH", "1 234,5678 ETH").
 * A non-zero amount too small to show says so ("< 0.000001 ETH") instead of showing 0.
 */
export function formatEth(wei: bigint, language: string, digits = 6): string {
  const negative = wei < 0n;
  const abs = negative ? -wei : wei;
  const scale = 10n ** BigInt(18 - digits);
  const rounded = (abs + scale / 2n) / scale; // half-up at the last shown digit
  const whole = rounded / 10n ** BigInt(digits);
  const fraction = (rounded % 10n ** BigInt(digits)).toString().padStart(digits, '0').replace(/0+$/, '');
  const format = new Intl.NumberFormat(language, { useGrouping: true });
  const decimal = format.formatToParts(1.5).find((part) => part.type === 'decimal')?.value ?? '.';
  if (rounded === 0n && abs > 0n) return `< ${format.formatToParts(0.1).find((part) => part.type === 'integer')?.value ?? '0'}${decimal}${'0'.repeat(digits - 1)}1 ETH`;
  const wholeText = whole <= BigInt(Number.MAX_SAFE_INTEGER) ? format.format(Number(whole)) : whole.toString();
  return `${negative ? '-' : ''}${wholeText}${fraction ? decimal + fraction : ''} ETH`;
}

/** How many days of reports the balance pays for, at the recent cost; null when unknown. */
export function daysCovered(balanceWei: bigint, costPerReportWei: bigint | null, reportsPerDay: number): number | null {
  if (costPerReportWei === null || costPerReportWei === 0n || reportsPerDay <= 0) return null;
  const reports = balanceWei / costPerReportWei;
  return Number(reports) / reportsPerDay;
}
