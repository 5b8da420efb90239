import { formatRelativeTime } from '../node/durations';

/** The numbers a fleet source shows, in one language; built once per language and shared. */
export interface FleetFormats {
  language: string;
  integer(value: number): string;
  /** 1234 → "1.2 kB", 6.4e7 → "64 MB" (decimal units, as the HTTP bodies are counted). */
  bytes(value: number): string;
  /** 41 → "41 ms", 2150 → "2.2 s". */
  duration(ms: number): string;
  /** "12 seconds ago"; a clock a little ahead of ours reads "now", not "in 1 second". */
  ago(iso: string, now: number): string;
  dateTime(iso: string): string;
}

const cache = new Map<string, FleetFormats>();

export function fleetFormats(language: string): FleetFormats {
  const cached = cache.get(language);
  if (cached) return cached;
  const integer = new Intl.NumberFormat(language, { maximumFractionDigits: 0 });
  const unit = (name: string, digits: number) => new Intl.NumberFormat(language, { style: 'unit', unit: name, unitDisplay: 'short', maximumFractionDigits: digits });
  const byteUnits = [unit('byte', 0), unit('kilobyte', 1), unit('megabyte', 1), unit('gigabyte', 1)] as const;
  const ms = unit('millisecond', 0);
  const seconds = unit('second', 1);
  const full = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium' });
  const formats: FleetFormats = {
    language,
    integer: (value) => integer.format(value),
    bytes: (value) => {
      let scaled = value;
      let step = 0;
      while (scaled >= 1000 && step < byteUnits.length - 1) {
        scaled /= 1000;
        step += 1;
      }
      return byteUnits[step]!.format(scaled);
    },
    duration: (value) => (value < 1000 ? ms.format(Math.round(value)) : seconds.format(value / 1000)),
    ago: (iso, now) => {
      const at = Date.parse(iso);
      return Number.isNaN(at) ? iso : formatRelativeTime(Math.min(0, at - now), language);
    },
    dateTime: (iso) => {
      const at = new Date(iso);
      return Number.isNaN(at.getTime()) ? iso : full.format(at);
    },
  };
  cache.set(language, formats);
  return formats;
}
