import { formatMoney } from './money-display';

/**
 * The formatters of one language, built once and shared by every row: constructing an
 * Intl formatter costs far more than using one, and 40 rows re-render on every scroll frame.
 */
export interface CellFormats {
  language: string;
  integer(value: number): string;
  /** Readings: at most one decimal (312.4 W). */
  reading(value: number): string;
  /** Table columns of readings: a fixed number of decimals, so the digits line up. */
  whole(value: number): string;
  watts(value: number): string;
  money(micro: bigint): string;
  /** Table cells: short date and time. */
  shortDateTime(iso: string): string;
  /** Drawer and history: full date, time with seconds (operators match these with logs). */
  dateTime(iso: string): string;
  /** "2026-03-01" shown as a local calendar date, without any time-zone shift. */
  calendarDate(isoDate: string): string;
  /** The number of GiB in a MiB count; the caller adds the translated unit (units.gib). */
  gibFromMib(mib: number): string;
}

const cache = new Map<string, CellFormats>();

export function cellFormats(language: string): CellFormats {
  const cached = cache.get(language);
  if (cached) return cached;
  const integer = new Intl.NumberFormat(language, { maximumFractionDigits: 0 });
  const reading = new Intl.NumberFormat(language, { maximumFractionDigits: 1 });
  const watts = new Intl.NumberFormat(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const short = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' });
  const full = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium' });
  const calendar = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' });
  const date = (format: Intl.DateTimeFormat) => (iso: string) => {
    const parsed = new Date(iso);
    return Number.isNaN(parsed.getTime()) ? iso : format.format(parsed);
  };
  const formats: CellFormats = {
    language,
    integer: (value) => integer.format(value),
    reading: (value) => reading.format(value),
    whole: (value) => integer.format(Math.round(value)),
    watts: (value) => watts.format(value),
    money: (micro) => formatMoney(micro, language),
    shortDateTime: date(short),
    dateTime: date(full),
    calendarDate: (isoDate) => date(calendar)(`${isoDate}T00:00:00Z`),
    gibFromMib: (mib) => reading.format(mib / 1024),
  };
  cache.set(language, formats);
  return formats;
}
