import type { App, WebContents } from 'electron';
import type { Logger } from '../core/log/logger';

/**
 * Every page Sietch ever shows is the one app:// document. So for every WebContents that comes
 * to exist (the window, and anything a bug or an attacker might open): no navigation to another
 * document, no redirects, no new windows, no <webview>. Same-document changes (hash, history
 * state) stay allowed: they cannot leave the page. Links to the web are not opened either,
 * not even in the system browser: the console has nothing it needs to send an operator to.
 */
export function guardWebContents(contents: WebContents, logger: Logger): void {
  contents.on('will-navigate', (event) => {
    if (event.isSameDocument) return;
    event.preventDefault();
    logger.warn({ url: event.url }, 'navigation refused');
  });
  // will-navigate only sees the main frame; this covers frames inside the page as well.
  contents.on('will-frame-navigate', (event) => {
    if (event.isSameDocument) return;
    if (event.isMainFrame) return; // already decided by will-navigate above
    event.preventDefault();
    logger.warn({ url: event.url }, 'frame navigation refused');
  });
  contents.on('will-redirect', (event) => {
    event.preventDefault();
    logger.warn({ url: event.url }, 'redirect refused');
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    logger.warn('<webview> refused');
  });
  contents.setWindowOpenHandler(({ url }) => {
    logger.warn({ url }, 'new window refused');
    return { action: 'deny' };
  });
}

/** Registers the guard before any window is created, so no WebContents escapes it. */
export function guardAllWebContents(app: App, logger: Logger): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, logger));
}
