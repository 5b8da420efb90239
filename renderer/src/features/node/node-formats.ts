import { formatBps } from './bps';
import { formatCountdown, formatDuration, formatRelativeTime } from './durations';
import { formatEpochWindow } from './epoch-window';

/**
 * Every formatter the Node page uses, for one language, built once: rows of the report and leaf
 * tables re-render on every scroll frame and must not construct Intl objects.
 */
export interface NodeFormats {
  language: string;
  integer(value: number): string;
  /** A decimal string of whole units (energy in Wh may exceed 2^53): grouped, never via a float. */
  bigInteger(decimal: string): string;
  bps(bps: number): string;
  duration(seconds: number): string;
  countdown(remainingMs: number): string;
  relative(deltaMs: number): string;
  epochWindow(startIso: string, endIso: string): string;
  epochWindowUtc(startIso: string, endIso: string): string;
  /** Full date and time with seconds (operators match these with logs). */
  dateTime(iso: string | number): string;
  /** Short date, time with seconds: the same instant in less width. */
  shortDateTime(iso: string | number): string;
  /** Time of day with seconds (the next epoch end, today). */
  time(iso: string | number): string;
}

const cache = new Map<string, NodeFormats>();

export function nodeFormats(language: string): NodeFormats {
  const cached = cache.get(language);
  if (cached) return cached;
  const integer = new Intl.NumberFormat(language, { maximumFractionDigits: 0 });
  const full = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium' });
  const short = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'medium' });
  const timeOfDay = new Intl.DateTimeFormat(language, { timeStyle: 'medium' });
  const date = (format: Intl.DateTimeFormat) => (value: string | number) => {
    const parsed = new Date(value);
    return Number.isNaN(parsed.getTime()) ? String(value) : format.format(parsed);
  };
  const formats: NodeFormats = {
    language,
    integer: (value) => integer.format(value),
    bigInteger: (decimal) => (/^\d+$/.test(decimal) ? integer.format(BigInt(decimal)) : decimal),
    bps: (value) => formatBps(value, language),
    duration: (seconds) => formatDuration(seconds, language),
    countdown: (remainingMs) => formatCountdown(remainingMs, language),
    relative: (deltaMs) => formatRelativeTime(deltaMs, language),
    epochWindow: (start, end) => formatEpochWindow(start, end, language),
    epochWindowUtc: (start, end) => formatEpochWindow(start, end, language, 'UTC'),
    dateTime: date(full),
    shortDateTime: date(short),
    time: date(timeOfDay),
  };
  cache.set(language, formats);
  return formats;
}
