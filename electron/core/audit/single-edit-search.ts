/**
 * Names the field that was changed when only a hash tells that something was. A leaf's values
 * are committed by its hash under the signed root, a journal row's by its chained hash — a
 * mismatch proves *that* the content changed, not *where*. The usual tampering (and every
 * corruption of one byte) is one character changed in one value, so this tries, for each
 * scalar field, every one-character substitution of its text (and the flip of a boolean)
 * until the content hashes right again. It runs only after a failure, with a cap on tries.
 */
export interface SingleEdit {
  /** Path of the field, relative to the object searched (`uptimeBps`, `payload.amount`). */
  path: string;
  /** The value found in the file. */
  found: unknown;
  /** The value that makes the hash match: what was signed. */
  original: unknown;
}

const DIGITS = '0123456789';
const HEX = '0123456789abcdef';
const TEXT = `${HEX}ghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_:.T Z`;

function alphabetFor(text: string): string {
  if (/^[0-9]+$/.test(text)) return DIGITS;
  if (/^0x[0-9a-fA-F]*$/.test(text)) return HEX;
  return TEXT;
}

/** Every value one substitution away from `value`, as the JSON type it had. */
function* variants(value: unknown): Generator<unknown> {
  if (typeof value === 'boolean') {
    yield !value;
    return;
  }
  const isNumber = typeof value === 'number';
  if (!isNumber && typeof value !== 'string') return;
  const text = String(value);
  const alphabet = alphabetFor(text);
  const start = text.startsWith('0x') ? 2 : 0;
  for (let position = start; position < text.length; position += 1) {
    for (const char of alphabet) {
      if (char === text[position]) continue;
      const candidate = text.slice(0, position) + char + text.slice(position + 1);
      if (isNumber) {
        const number = Number(candidate);
        if (Number.isFinite(number) && String(number) === candidate) yield number;
      } else yield candidate;
    }
  }
}

/** The scalar fields of a JSON value, with their paths (arrays as [i]). */
function scalarPaths(value: unknown, prefix: string, out: string[][], path: string[] = []): void {
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) scalarPaths(item, prefix, out, [...path, key]);
  } else out.push(path);
}

function getAt(root: unknown, path: string[]): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], root);
}

function withValue(root: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [key, ...rest] = path;
  const copy = (Array.isArray(root) ? [...root] : { ...(root as Record<string, unknown>) }) as Record<string, unknown>;
  copy[key!] = withValue(copy[key!], rest, value);
  return copy;
}

const renderPath = (path: string[]) => path.map((key, index) => (/^[0-9]+$/.test(key) ? `[${key}]` : index === 0 ? key : `.${key}`)).join('');

/**
 * The single field whose one-character change explains why `matches(content)` fails, or null.
 * `skip` lists top-level fields that are not under the hash (the leaf's own leafHash).
 */
export function findSingleEdit(content: Record<string, unknown>, matches: (candidate: Record<string, unknown>) => boolean, options: { skip?: string[]; maxTries?: number } = {}): SingleEdit | null {
  const paths: string[][] = [];
  scalarPaths(content, '', paths);
  let tries = options.maxTries ?? 50_000;
  for (const path of paths) {
    if (path.length > 0 && options.skip?.includes(path[0]!)) continue;
    const found = getAt(content, path);
    for (const candidate of variants(found)) {
      tries -= 1;
      if (tries < 0) return null;
      let ok = false;
      try {
        ok = matches(withValue(content, path, candidate) as Record<string, unknown>);
      } catch {
        ok = false;
      }
      if (ok) return { path: renderPath(path), found, original: candidate };
    }
  }
  return null;
}
