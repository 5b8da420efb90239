import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage, LANGUAGES } from './preferences';
import { useSettingsStore } from './store';

interface Props {
  testId: string;
  /** The top bar hides the label visually (the select still has its accessible name). */
  compact?: boolean;
}

export function LanguageSelect({ testId, compact }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const language = useSettingsStore((state) => state.language);
  const setLanguage = useSettingsStore((state) => state.setLanguage);
  return (
    <div className={compact ? 'control control-compact' : 'control'}>
      <label htmlFor={id} className={compact ? 'sr-only' : 'control-label'}>
        {t('language.label')}
      </label>
      <select
        id={id}
        className="select"
        data-testid={testId}
        value={language}
        onChange={(event) => {
          if (isLanguage(event.target.value)) setLanguage(event.target.value);
        }}
      >
        {LANGUAGES.map((code) => (
          // Each language is named in itself, so a user lost in the wrong one can find theirs.
          <option key={code} value={code} lang={code}>
            {t(`language.${code}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
