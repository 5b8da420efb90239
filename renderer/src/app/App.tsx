import { useCallback, useEffect, useRef, useState } from 'react';
import { PageView } from '../pages/PageView';
import { ShortcutsDialog } from '../shell/ShortcutsDialog';
import { Sidebar } from '../shell/Sidebar';
import { SkipLink } from '../shell/SkipLink';
import { TopBar } from '../shell/TopBar';
import type { ShortcutAction } from './shortcuts';
import { useGlobalShortcuts } from './use-global-shortcuts';
import { navigateTo, useHashRoute } from './use-hash-route';

const MAIN_ID = 'main-content';

export function App() {
  const page = useHashRoute();
  const [helpOpen, setHelpOpen] = useState(false);
  const mainRef = useRef<HTMLElement>(null);
  const shownPage = useRef(page);

  // After a navigation, focus the new page's heading, so keyboard and screen-reader users
  // land on the content rather than back at the top of the document.
  useEffect(() => {
    if (shownPage.current === page) return;
    shownPage.current = page;
    mainRef.current?.scrollTo({ top: 0 });
    mainRef.current?.querySelector<HTMLElement>('[data-testid="page-title"]')?.focus({ preventScroll: true });
  }, [page]);

  const showHelp = useCallback(() => setHelpOpen(true), []);
  const hideHelp = useCallback(() => setHelpOpen(false), []);

  useGlobalShortcuts((action: ShortcutAction) => {
    if (action.type === 'show-help') {
      setHelpOpen(true);
    } else {
      setHelpOpen(false);
      navigateTo(action.page);
    }
  });

  return (
    <div className="app">
      <SkipLink targetId={MAIN_ID} />
      <TopBar onShowShortcuts={showHelp} />
      <div className="app-body">
        <Sidebar current={page} />
        <main id={MAIN_ID} className="main" ref={mainRef} tabIndex={-1} data-page={page}>
          <PageView page={page} onShowShortcuts={showHelp} />
        </main>
      </div>
      <ShortcutsDialog open={helpOpen} onClose={hideHelp} />
    </div>
  );
}
