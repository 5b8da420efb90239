import { describe, expect, it } from 'vitest';
import en from './en.json';
import fr from './fr.json';

/** Every leaf as [dotted key, value]. */
function leaves(value: unknown, prefix = ''): [string, unknown][] {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([key, child]) => leaves(child, prefix ? `${prefix}.${key}` : key));
  }
  return [[prefix, value]];
}

const placeholders = (text: string): string[] => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1] ?? '').sort();

describe('language files', () => {
  const english = new Map(leaves(en));
  const french = new Map(leaves(fr));

  it('have exactly the same keys', () => {
    expect([...french.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it.each([
    ['en', english],
    ['fr', french],
  ])('%s has only non-empty strings', (_language, entries) => {
    for (const [key, value] of entries) {
      expect(typeof value, key).toBe('string');
      expect((value as string).trim(), key).not.toBe('');
    }
  });

  it('use the same interpolation placeholders in both languages', () => {
    for (const [key, value] of english) {
      expect(placeholders(String(french.get(key))), key).toEqual(placeholders(String(value)));
    }
  });

  it('avoid plural suffixes, whose categories differ between English and French', () => {
    for (const key of english.keys()) expect(key).not.toMatch(/_(zero|one|two|few|many|other)$/);
  });
});
