/**
 * Where the renderer lives: a custom privileged scheme instead of file://, so the page has a
 * real origin of its own (file:// pages can read any other file:// URL) and every response can
 * carry a Content-Security-Policy header. Pure constants and one predicate: no Electron import,
 * so the IPC sender check is testable under plain Node.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'sietch';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** True only for a URL served by our own protocol handler (the renderer's origin). */
export function isAppOriginUrl(url: string | null | undefined): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // URL.origin is "null" for non-special schemes in Node, so compare the parts instead.
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
}
