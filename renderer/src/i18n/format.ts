/**
 * Numbers, sizes and dates in the user's language, through Intl: "1,234.5" in English,
 * "1 234,5" in French. Pure functions of (value, language) so they are testable in Node.
 */

const GIB = 1024 ** 3;
const DECIMAL_BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte', 'petabyte'] as const;

export function formatInteger(value: number, language: string): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 0 }).format(value);
}

export function formatDecimal(value: number, language: string, maximumFractionDigits = 1): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits }).format(value);
}

/** Memory in GiB, the unit operators read on spec sheets for RAM; the caller adds the unit label. */
export function formatGibNumber(bytes: number, language: string): string {
  return formatDecimal(bytes / GIB, language, 1);
}

/** Disk sizes in decimal units (GB, TB), as drives are labelled, with the unit spelled by Intl. */
export function formatDiskSize(bytes: number, language: string): string {
  let unitIndex = 0;
  let value = bytes;
  while (value >= 1000 && unitIndex < DECIMAL_BYTE_UNITS.length - 1) {
    value /= 1000;
    unitIndex += 1;
  }
  const unit = DECIMAL_BYTE_UNITS[unitIndex] ?? 'byte';
  return new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: value < 10 ? 2 : 1 }).format(value);
}

/** Link speed: Mbit/s below a gigabit, Gbit/s from there. */
export function formatLinkSpeed(megabitsPerSecond: number, language: string): string {
  if (megabitsPerSecond >= 1000) {
    return new Intl.NumberFormat(language, { style: 'unit', unit: 'gigabit-per-second', unitDisplay: 'short', maximumFractionDigits: 1 }).format(megabitsPerSecond / 1000);
  }
  return new Intl.NumberFormat(language, { style: 'unit', unit: 'megabit-per-second', unitDisplay: 'short', maximumFractionDigits: 0 }).format(megabitsPerSecond);
}

/** Local date and time with seconds: operators correlate these with logs. */
export function formatDateTime(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium' }).format(date);
}

export function formatTime(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language, { timeStyle: 'medium' }).format(date);
}

/** 0x + 64 hex digits -> "0x1a2b3c…7d8e9f": enough to recognise, the full hash goes in a title. */
export function shortenHash(hash: string, keep = 6): string {
  const body = hash.startsWith('0x') ? hash.slice(2) : hash;
  if (body.length <= keep * 2 + 1) return hash;
  return `${hash.startsWith('0x') ? '0x' : ''}${body.slice(0, keep)}…${body.slice(-keep)}`;
}
