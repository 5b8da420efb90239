import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { isThemePreference, THEME_PREFERENCES } from './preferences';
import { useSettingsStore } from './store';

interface Props {
  testId: string;
  compact?: boolean;
}

export function ThemeSelect({ testId, compact }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const theme = useSettingsStore((state) => state.theme);
  const setTheme = useSettingsStore((state) => state.setTheme);
  return (
    <div className={compact ? 'control control-compact' : 'control'}>
      <label htmlFor={id} className={compact ? 'sr-only' : 'control-label'}>
        {t('theme.label')}
      </label>
      <select
        id={id}
        className="select"
        data-testid={testId}
        value={theme}
        onChange={(event) => {
          if (isThemePreference(event.target.value)) setTheme(event.target.value);
        }}
      >
        {THEME_PREFERENCES.map((preference) => (
          <option key={preference} value={preference}>
            {t(`theme.${preference}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
