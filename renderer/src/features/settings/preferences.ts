export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

export const THEME_PREFERENCES = ['system', 'light', 'dark'] as const;
export type ThemePreference = (typeof THEME_PREFERENCES)[number];
export type Theme = 'light' | 'dark';

export interface Preferences {
  language: Language;
  theme: ThemePreference;
}

/** The slice of localStorage we use; absent or throwing storage (privacy modes) is tolerated. */
export interface PreferenceStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const STORAGE_KEYS = { language: 'sietch.language', theme: 'sietch.theme' } as const;

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function isThemePreference(value: unknown): value is ThemePreference {
  return typeof value === 'string' && (THEME_PREFERENCES as readonly string[]).includes(value);
}

/** French for any fr* tag (fr, fr-FR, fr-CA...), English otherwise. */
export function languageFromTag(tag: string | undefined): Language {
  return tag?.trim().toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** What the user chose before, else the browser's language and the system theme. */
export function readPreferences(storage: PreferenceStorage | null, navigatorLanguage: string | undefined): Preferences {
  const storedLanguage = safeGet(storage, STORAGE_KEYS.language);
  const storedTheme = safeGet(storage, STORAGE_KEYS.theme);
  return {
    language: isLanguage(storedLanguage) ? storedLanguage : languageFromTag(navigatorLanguage),
    theme: isThemePreference(storedTheme) ? storedTheme : 'system',
  };
}

export function writePreferences(storage: PreferenceStorage | null, preferences: Preferences): void {
  if (!storage) return;
  try {
    storage.setItem(STORAGE_KEYS.language, preferences.language);
    storage.setItem(STORAGE_KEYS.theme, preferences.theme);
  } catch {
    // Storage full or forbidden: the choice still applies for this session.
  }
}

export function resolveTheme(preference: ThemePreference, systemPrefersDark: boolean): Theme {
  if (preference === 'system') return systemPrefersDark ? 'dark' : 'light';
  return preference;
}

function safeGet(storage: PreferenceStorage | null, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}
