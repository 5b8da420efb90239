import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { hashForPage, PAGES, type PageId } from '../app/routes';
import { shortcutLabel } from '../app/shortcuts';
import { navigateTo } from '../app/use-hash-route';

/** A plain left click navigates in place; modified clicks keep the browser's own behaviour (new tab...). */
function followInPlace(event: MouseEvent, page: PageId): void {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigateTo(page);
}

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
              onClick={(event) => followInPlace(event, page)}
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
