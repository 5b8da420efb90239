/**
 * An epoch's window, start to end: in local time for reading ("11/24/26, 3:00:00 – 4:00:00 PM",
 * the date once when both ends share it), and in UTC, the time the epochs are aligned to and the
 * signed report carries, for the tooltip and the report view.
 */

const formats = new Map<string, Intl.DateTimeFormat>();

function rangeFormat(language: string, timeZone: 'local' | 'UTC'): Intl.DateTimeFormat {
  const key = `${language}:${timeZone}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'medium', ...(timeZone === 'UTC' ? { timeZone: 'UTC' } : {}) });
    formats.set(key, format);
  }
  return format;
}

export function formatEpochWindow(startIso: string, endIso: string, language: string, timeZone: 'local' | 'UTC' = 'local'): string {
  const start = new Date(startIso);
  const end = new Date(endIso);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return `${startIso} – ${endIso}`;
  const text = rangeFormat(language, timeZone).formatRange(start, end);
  return timeZone === 'UTC' ? `${text} UTC` : text;
}
