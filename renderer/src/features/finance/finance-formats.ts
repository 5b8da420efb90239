import { formatMoney } from '../inventory/money-display';

/**
 * What the Finance page prints, per language: money with exact digits (through the Inventory
 * page's formatter), calendar days, exact percentages and multiples. Rates and multiples are
 * decimal strings and go to Intl as strings, so "12.5" never becomes 12.499999….
 */
export interface FinanceFormats {
  language: string;
  money(micro: bigint): string;
  /** A calendar day (YYYY-MM-DD) in the language's medium style: "Mar 5, 2026", "5 mars 2026". */
  date(day: string): string;
  /** "12.5" → "12.5%" (en), "12,5 %" (fr). */
  percent(pct: string): string;
  /** "1.25" → "1.25×". */
  multiple(value: string): string;
  integer(value: number): string;
}

const cache = new Map<string, FinanceFormats>();

export function financeFormats(language: string): FinanceFormats {
  let formats = cache.get(language);
  if (formats) return formats;
  const dates = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' });
  const percents = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 6 });
  const decimals = new Intl.NumberFormat(language, { maximumFractionDigits: 6 });
  const integers = new Intl.NumberFormat(language, { maximumFractionDigits: 0 });
  formats = {
    language,
    money: (micro) => formatMoney(micro, language),
    date: (day) => {
      const parsed = new Date(`${day}T00:00:00Z`);
      return Number.isNaN(parsed.getTime()) ? day : dates.format(parsed);
    },
    // An exponent moves the decimal point exactly: "12.5E-2" is 0.125 with no binary rounding.
    percent: (pct) => percents.format(`${pct}E-2` as `${number}`),
    multiple: (value) => `${decimals.format(value as `${number}`)}×`,
    integer: (value) => integers.format(value),
  };
  cache.set(language, formats);
  return formats;
}
