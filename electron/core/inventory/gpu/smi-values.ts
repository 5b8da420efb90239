// Reading single values out of nvidia-smi output. nvidia-smi fills a field it cannot answer
// with one of a handful of phrases (bracketed in CSV, bare in XML); all of them mean "no value".

const NO_VALUE = new Set(
  [
    'n/a',
    'not supported',
    'unknown error',
    'requested functionality has been deprecated',
    'insufficient permissions',
    'not available in wddm driver model',
    'not found',
    'gpu is lost',
    'no data',
  ].flatMap((phrase) => [phrase, `[${phrase}]`]),
);

const XML_ENTITY = /&(?:#(\d+)|#x([0-9a-fA-F]+)|(amp|lt|gt|quot|apos));/g;
const NAMED_ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The parser runs with entity processing off (no DTD expansion); the five XML entities and
 * character references are decoded here, for the strings we keep. */
function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(XML_ENTITY, (whole, dec: string | undefined, hex: string | undefined, named: string | undefined) => {
    if (named) return NAMED_ENTITY[named] ?? whole;
    const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? '', 16);
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** A leaf as text, or null when absent, not a leaf, blank or one of nvidia-smi's no-value phrases. */
export function text(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (trimmed === '' || NO_VALUE.has(trimmed.toLowerCase())) return null;
  return decodeEntities(trimmed);
}

const NUMBER_WITH_UNIT = /^([-+]?\d+(?:\.\d+)?)\s*([A-Za-z%/()]*)$/;

/**
 * A leaf as a number. `unit` is what nvidia-smi appends in XML (`MiB`, `W`, `C`, `%`, `MHz`);
 * the bare number is accepted too (CSV with nounits), any other unit is refused rather than
 * misread (a `GiB` never becomes MiB by accident).
 */
export function numberIn(value: unknown, unit?: string): number | null {
  const raw = text(value);
  if (raw === null) return null;
  const match = NUMBER_WITH_UNIT.exec(raw);
  if (!match) return null;
  const suffix = match[2] ?? '';
  if (suffix !== '' && suffix !== unit) return null;
  const parsed = Number(match[1]);
  return Number.isFinite(parsed) ? parsed : null;
}

/** An integer counter (ECC counts, pids, indexes); null unless a whole number. */
export function integer(value: unknown): number | null {
  const parsed = numberIn(value);
  return parsed !== null && Number.isSafeInteger(parsed) ? parsed : null;
}

/** Yes/No, Active/Not Active, Enabled/Disabled → boolean. */
export function flag(value: unknown): boolean | null {
  const raw = text(value)?.toLowerCase();
  if (raw === undefined) return null;
  if (raw === 'yes' || raw === 'active' || raw === 'enabled' || raw === 'true') return true;
  if (raw === 'no' || raw === 'not active' || raw === 'disabled' || raw === 'false') return false;
  return null;
}

export function onOff(value: unknown): 'enabled' | 'disabled' | null {
  const bool = flag(value);
  return bool === null ? null : bool ? 'enabled' : 'disabled';
}

/** An element as an object (nvidia-smi writes `N/A` or `None` in place of a whole section). */
export function section(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** One element or many, always as an array of objects. */
export function records(value: unknown): Record<string, unknown>[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((item): item is Record<string, unknown> => item !== null && typeof item === 'object' && !Array.isArray(item));
}

/** The first of several spellings that carries a value (renamed fields across drivers). */
export function firstOf<T>(...values: (T | null)[]): T | null {
  for (const value of values) if (value !== null) return value;
  return null;
}

/** Sum of the counters that have a value; null when none has. */
export function sumOf(...values: (number | null)[]): number | null {
  let total: number | null = null;
  for (const value of values) if (value !== null) total = (total ?? 0) + value;
  return total;
}

// A UUID or serial made only of zeros (and separators) is a placeholder: a VM, a masked capture
// or an unprogrammed board. It identifies nothing, so it must never become an identity.
const PLACEHOLDER_ID = /^(?:GPU-|MIG-)?[0-]*$/i;

export function identity(value: unknown): string | null {
  const raw = text(value);
  if (raw === null || PLACEHOLDER_ID.test(raw)) return null;
  return raw;
}
