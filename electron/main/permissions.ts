import type { App, Session } from 'electron';
import type { Logger } from '../core/log/logger';

/**
 * The console needs no browser permission (camera, notifications, geolocation, USB, serial,
 * clipboard reads, ...): refuse every request and every check, in every session, including any
 * session created later.
 */
export function denyAllPermissions(session: Session, logger: Logger): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    logger.warn({ permission }, 'permission request refused');
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

export function denyAllPermissionsInEverySession(app: App, defaultSession: Session, logger: Logger): void {
  denyAllPermissions(defaultSession, logger);
  app.on('session-created', (session) => denyAllPermissions(session, logger));
}
