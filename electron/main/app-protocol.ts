import { protocol } from 'electron';
import { APP_SCHEME } from './app-origin';
import { createRendererRequestHandler } from './renderer-files';

/**
 * Must run before the app is ready: Chromium fixes the list of privileged schemes at start-up.
 * standard: real origin and relative URLs; secure: a secure context like https. Deliberately not
 * bypassCSP, corsEnabled or allowServiceWorkers: the page gets nothing it does not need.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
}

/** After ready: answer app:// requests from the built renderer folder, and nothing else. */
export function serveRendererOverAppProtocol(rendererDir: string): () => void {
  protocol.handle(APP_SCHEME, createRendererRequestHandler(rendererDir));
  return () => protocol.unhandle(APP_SCHEME);
}
