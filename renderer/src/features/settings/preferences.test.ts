import { describe, expect, it } from 'vitest';
import { languageFromTag, readPreferences, resolveTheme, STORAGE_KEYS, writePreferences, type PreferenceStorage } from './preferences';

function memoryStorage(initial: Record<string, string> = {}): PreferenceStorage & { data: Record<string, string> } {
  const data = { ...initial };
  return { data, getItem: (key) => data[key] ?? null, setItem: (key, value) => void (data[key] = value) };
}

const throwing: PreferenceStorage = {
  getItem() {
    throw new Error('SecurityError');
  },
  setItem() {
    throw new Error('QuotaExceededError');
  },
};

describe('preferences', () => {
  it('picks French for any fr* browser language, English otherwise', () => {
    expect(['fr', 'fr-FR', 'FR-ca', 'fr-BE'].map(languageFromTag)).toEqual(['fr', 'fr', 'fr', 'fr']);
    expect(['en-US', 'de-DE', 'frr', '', undefined].map(languageFromTag)).toEqual(['en', 'en', 'fr', 'en', 'en']);
  });

  it('prefers what was stored over the browser language', () => {
    expect(readPreferences(memoryStorage({ [STORAGE_KEYS.language]: 'en', [STORAGE_KEYS.theme]: 'dark' }), 'fr-FR')).toEqual({ language: 'en', theme: 'dark' });
  });

  it('falls back to the browser language and the system theme', () => {
    expect(readPreferences(memoryStorage(), 'fr-CA')).toEqual({ language: 'fr', theme: 'system' });
    expect(readPreferences(null, 'en-GB')).toEqual({ language: 'en', theme: 'system' });
  });

  it('ignores stored values it does not know', () => {
    expect(readPreferences(memoryStorage({ [STORAGE_KEYS.language]: 'klingon', [STORAGE_KEYS.theme]: 'neon' }), 'en')).toEqual({ language: 'en', theme: 'system' });
  });

  it('survives a storage that throws', () => {
    expect(readPreferences(throwing, 'fr')).toEqual({ language: 'fr', theme: 'system' });
    expect(() => writePreferences(throwing, { language: 'fr', theme: 'dark' })).not.toThrow();
  });

  it('writes both preferences', () => {
    const storage = memoryStorage();
    writePreferences(storage, { language: 'fr', theme: 'light' });
    expect(storage.data).toEqual({ [STORAGE_KEYS.language]: 'fr', [STORAGE_KEYS.theme]: 'light' });
  });

  it('resolves the system theme from the OS preference', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });
});
