import { useTranslation } from 'react-i18next';
import { ConnectionIndicator } from '../features/connection/ConnectionIndicator';
import { LanguageSelect } from '../features/settings/LanguageSelect';
import { ThemeSelect } from '../features/settings/ThemeSelect';

export function TopBar({ onShowShortcuts }: { onShowShortcuts(): void }) {
  const { t } = useTranslation();
  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">{t('app.name')}</span>
        <span className="brand-tagline">{t('app.tagline')}</span>
      </div>
      <div className="topbar-tools">
        <ConnectionIndicator />
        <LanguageSelect testId="language-select" compact />
        <ThemeSelect testId="theme-select" compact />
        <button type="button" className="button button-icon" onClick={onShowShortcuts} aria-label={t('shell.shortcutsButton')} title={t('shell.shortcutsButton')} aria-keyshortcuts="?" data-testid="shortcuts-button">
          ?
        </button>
      </div>
    </header>
  );
}
