import { useTranslation } from 'react-i18next';
import { hashForPage, PAGES, type PageId } from '../app/routes';
import { shortcutLabel } from '../app/shortcuts';

export function Sidebar({ current }: { current: PageId }) {
  const { t } = useTranslation();
  return (
    <nav className="sidebar" aria-label={t('shell.navLabel')}>
      <ul className="nav-list">
        {PAGES.map((page) => (
          <li key={page}>
            <a
              className="nav-link"
              href={hashForPage(page)}
              data-testid={`nav-${page}`}
              aria-current={page === current ? 'page' : undefined}
              aria-keyshortcuts={shortcutLabel(page)}
            >
              <span className={`nav-icon nav-icon-${page}`} aria-hidden="true" />
              <span className="nav-text">{t(`nav.${page}`)}</span>
              <kbd className="nav-kbd" aria-hidden="true">
                {shortcutLabel(page)}
              </kbd>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
