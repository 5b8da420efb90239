import { formatUnits, parseUnits } from '../../../../electron/contract/money';

/**
 * Money on screen: exact digits, the language's grouping and decimal mark. The amount goes to
 * Intl as a decimal string (exact since ES2023), never through Number, so 12,345,678,901,234.567891
 * shows every digit.
 */
const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(language: string): Intl.NumberFormat {
  let format = moneyFormats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(language, { minimumFractionDigits: 2, maximumFractionDigits: 6 });
    moneyFormats.set(language, format);
  }
  return format;
}

/** 28500500000n -> "28,500.50" (en), "28 500,50" (fr). */
export function formatMoney(micro: bigint, language: string): string {
  return moneyFormat(language).format(formatUnits(micro) as `${number}`);
}

/** The amount as the edit field shows it: whole units, a dot, at least two decimals. */
export function unitsForInput(micro: bigint | null): string {
  if (micro === null) return '';
  return formatUnits(micro).replace(/(\.\d\d\d*?)0+$/, '$1');
}

export type CostInputError = 'format' | 'grouping' | 'precision' | 'negative';
export type CostInput = { ok: true; value: bigint | null } | { ok: false; error: CostInputError };

/** The decimal mark of a language: "." in English, "," in French. */
export function decimalMark(language: string): string {
  return new Intl.NumberFormat(language).formatToParts(1.5).find((part) => part.type === 'decimal')?.value ?? '.';
}

/**
 * Reads what an operator typed as an acquisition cost in whole units. Empty clears the cost.
 * Spaces (how French groups digits) are dropped; the language's decimal comma is accepted. A
 * comma that could be a thousands separator in English is refused rather than guessed: a wrong
 * guess is off by a factor of a thousand.
 */
export function parseCostInput(text: string, language: string): CostInput {
  let cleaned = text.replace(/[\s\u00a0\u202f_]/g, '');
  if (cleaned === '') return { ok: true, value: null };
  if (decimalMark(language) === ',' && !cleaned.includes('.') && (cleaned.match(/,/g)?.length ?? 0) === 1) cleaned = cleaned.replace(',', '.');
  if (cleaned.includes(',')) return { ok: false, error: 'grouping' };
  if (cleaned.startsWith('-')) return { ok: false, error: 'negative' };
  if (/^\d+\.\d{7,}$/.test(cleaned)) return { ok: false, error: 'precision' };
  try {
    return { ok: true, value: parseUnits(cleaned) };
  } catch {
    return { ok: false, error: 'format' };
  }
}
