import type { i18n as I18n } from 'i18next';
import type { Dispose } from '../../../../electron/contract/client';
import { resolveTheme, writePreferences, type PreferenceStorage } from './preferences';
import { useSettingsStore } from './store';

/**
 * Keeps the document in step with the settings: <html lang>, data-theme (following the OS
 * when the preference is "system"), the i18next language, and localStorage.
 */
export function applySettings(i18n: I18n, storage: PreferenceStorage | null): Dispose {
  const root = document.documentElement;
  const darkQuery = window.matchMedia('(prefers-color-scheme: dark)');

  const apply = (): void => {
    const { language, theme } = useSettingsStore.getState();
    root.lang = language;
    root.dataset.theme = resolveTheme(theme, darkQuery.matches);
    root.dataset.themePreference = theme;
    if (i18n.language !== language) void i18n.changeLanguage(language);
  };

  apply();
  const stopStore = useSettingsStore.subscribe((state, previous) => {
    if (state.language === previous.language && state.theme === previous.theme) return;
    writePreferences(storage, { language: state.language, theme: state.theme });
    apply();
  });
  darkQuery.addEventListener('change', apply);
  return () => {
    stopStore();
    darkQuery.removeEventListener('change', apply);
  };
}

/** localStorage, or null where touching it throws (some file:// and privacy contexts). */
export function browserStorage(): PreferenceStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
