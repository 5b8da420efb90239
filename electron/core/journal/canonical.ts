import canonicalize from 'canonicalize';

/**
 * RFC 8785 canonical JSON of a journal payload. Money is bigint in memory; JSON has no
 * bigint, so it is written as a decimal string first (the same form the API uses).
 * Non-finite numbers and undefined have no canonical form and are refused.
 */
export function toJsonSafe(value: unknown, path = '$'): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError(`${path}: ${value} has no canonical JSON form`);
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') throw new TypeError(`${path}: ${typeof value} has no canonical JSON form`);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item, index) => toJsonSafe(item, `${path}[${index}]`));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue; // an absent optional field, not a value
      out[key] = toJsonSafe(item, `${path}.${key}`);
    }
    return out;
  }
  return value;
}

export function canonicalJson(value: unknown): string {
  const text = canonicalize(toJsonSafe(value));
  if (text === undefined) throw new TypeError('value has no canonical JSON form');
  return text;
}
