import { useTranslation } from 'react-i18next';

/** The language every Intl formatter should use: i18next's current one, so it re-renders on change. */
export function useLanguage(): string {
  const { i18n } = useTranslation();
  return i18n.resolvedLanguage ?? i18n.language;
}
