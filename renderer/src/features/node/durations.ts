/**
 * Lengths of time: a configured length ("1 hr 30 min"), a countdown clock ("4:07") and a time
 * relative to now ("12 seconds ago"), all through Intl in the caller's language.
 */

const UNITS = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
] as const;

type Unit = (typeof UNITS)[number][0];

const unitFormats = new Map<string, Intl.NumberFormat>();

function unitFormat(language: string, unit: Unit): Intl.NumberFormat {
  const key = `${language}:${unit}`;
  let format = unitFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 });
    unitFormats.set(key, format);
  }
  return format;
}

/** Whole days, hours, minutes and seconds of a length, largest first, zero parts dropped. */
export function durationParts(totalSeconds: number): [Unit, number][] {
  const parts: [Unit, number][] = [];
  let rest = totalSeconds;
  for (const [unit, size] of UNITS) {
    // Seconds keep their fraction (a 0.5 s sample interval); larger units are whole.
    const amount = unit === 'second' ? Math.round(rest * 10) / 10 : Math.floor(rest / size);
    if (amount > 0) parts.push([unit, amount]);
    rest -= unit === 'second' ? rest : amount * size;
  }
  return parts.length > 0 ? parts : [['second', 0]];
}

/** A configured length such as the epoch or the sample interval: "10 sec", "1 hr 30 min", "1 h 30 min". */
export function formatDuration(totalSeconds: number, language: string): string {
  return durationParts(totalSeconds)
    .map(([unit, amount]) => unitFormat(language, unit).format(amount))
    .join(' ');
}

const pad = (value: number): string => String(value).padStart(2, '0');

/**
 * Time left as a clock: "0:08", "59:59", "1:00:00"; past a day the days go in front ("2 days
 * 03:04:05"). Whole seconds rounded up, so the clock reads 0:00 only when the time has come.
 */
export function formatCountdown(remainingMs: number, language: string): string {
  const total = Math.max(0, Math.ceil(remainingMs / 1000));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3_600);
  const minutes = Math.floor((total % 3_600) / 60);
  const seconds = total % 60;
  if (days > 0) return `${unitFormat(language, 'day').format(days)} ${pad(hours)}:${pad(minutes)}:${pad(seconds)}`;
  if (hours > 0) return `${hours}:${pad(minutes)}:${pad(seconds)}`;
  return `${minutes}:${pad(seconds)}`;
}

/** The unit and signed amount a relative time is best said in: seconds under a minute, and so on. */
export function relativeParts(deltaMs: number): { amount: number; unit: Intl.RelativeTimeFormatUnit } {
  const seconds = Math.round(deltaMs / 1000);
  const size = Math.abs(seconds);
  if (size < 60) return { amount: seconds, unit: 'second' };
  if (size < 3_600) return { amount: Math.trunc(seconds / 60), unit: 'minute' };
  if (size < 86_400) return { amount: Math.trunc(seconds / 3_600), unit: 'hour' };
  return { amount: Math.trunc(seconds / 86_400), unit: 'day' };
}

const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

/** "12 seconds ago", "in 3 minutes", "now"; `deltaMs` is the time minus now (negative: past). */
export function formatRelativeTime(deltaMs: number, language: string): string {
  let format = relativeFormats.get(language);
  if (!format) {
    format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
    relativeFormats.set(language, format);
  }
  const { amount, unit } = relativeParts(deltaMs);
  return format.format(amount, unit);
}
