/**
 * RFC 3339 §5.6 `date-time`, the `format` of every VDA 5050 `timestamp`. Written to accept what
 * JSON Schema validators accept for that format: a `T`, `t` or white-space separator (RFC 3339
 * allows a space "for readability"), a `Z`/`z` or a numeric offset whose minutes and colon may be
 * left out, fractional seconds of any length, and a leap second only where it falls on 23:59:60
 * UTC. Calendar days are checked (no 30 February; 29 February only in leap years).
 */
const DATE = /^(\d\d\d\d)-(\d\d)-(\d\d)$/;
const TIME = /^(\d\d):(\d\d):(\d\d(?:\.\d+)?)(z|([+-])(\d\d)(?::?(\d\d))?)?$/i;
const SEPARATOR = /t|\s/i;
const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function isFullDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= (month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month] ?? 0));
}

function isFullTime(text: string): boolean {
  const match = TIME.exec(text);
  if (!match || match[4] === undefined) return false; // a date-time needs its offset
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  const second = Number(match[3]);
  const sign = match[5] === '-' ? -1 : 1;
  const offsetHours = Number(match[6] ?? 0);
  const offsetMinutes = Number(match[7] ?? 0);
  if (offsetHours > 23 || offsetMinutes > 59) return false;
  if (hour <= 23 && minute <= 59 && second < 60) return true;
  // A leap second is 23:59:60 in UTC: shift the local time by the offset to check it.
  const utcMinute = minute - offsetMinutes * sign;
  const utcHour = hour - offsetHours * sign - (utcMinute < 0 ? 1 : 0);
  return (utcHour === 23 || utcHour === -1) && (utcMinute === 59 || utcMinute === -1) && second < 61;
}

export function isRfc3339DateTime(text: string): boolean {
  const parts = text.split(SEPARATOR);
  return parts.length === 2 && isFullDate(parts[0]!) && isFullTime(parts[1]!);
}
