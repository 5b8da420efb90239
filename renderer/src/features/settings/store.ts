import { create } from 'zustand';
import type { Language, Preferences, ThemePreference } from './preferences';

interface SettingsState extends Preferences {
  setLanguage(language: Language): void;
  setTheme(theme: ThemePreference): void;
}

/**
 * Language and theme. main.tsx seeds it from localStorage before the first render, and
 * settings-effects.ts applies and persists every change: the store itself stays pure.
 */
export const useSettingsStore = create<SettingsState>()((set) => ({
  language: 'en',
  theme: 'system',
  setLanguage: (language) => set({ language }),
  setTheme: (theme) => set({ theme }),
}));
