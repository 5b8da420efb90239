import { Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron';
import { join } from 'node:path';

export interface SietchTrayOptions {
  /** resources/icons: tray.png (Windows, Linux), trayTemplate.png and its @2x (macOS menu bar). */
  iconsDir: string;
  platform: NodeJS.Platform;
  isNodeRunning: () => boolean;
  /** Focuses the window, or opens a new one when it was closed. */
  openWindow: () => void;
  /** app.quit(): the graceful quit, which closes the core before the process ends. */
  quit: () => void;
}

export interface SietchTray {
  /** Re-reads the node's state and updates the status line when it changed. */
  refresh(): void;
  destroy(): void;
}

/** The node is started and stopped from the Node page (or its API) without telling us: look now and then. */
const STATUS_POLL_MS = 1000;

export const TRAY_LABELS = { open: 'Open Sietch', quit: 'Quit Sietch', node: (running: boolean) => `Node: ${running ? 'running' : 'stopped'}` } as const;

function trayMenu(running: boolean, { openWindow, quit }: Pick<SietchTrayOptions, 'openWindow' | 'quit'>): MenuItemConstructorOptions[] {
  return [
    { label: TRAY_LABELS.open, click: () => openWindow() },
    { label: TRAY_LABELS.node(running), enabled: false }, // a status line, not an action
    { type: 'separator' },
    { label: TRAY_LABELS.quit, click: () => quit() },
  ];
}

/**
 * The desktop app's presence once its window is closed: the core and the attestation node keep
 * running (epochs close, reports get signed), and the tray is how the operator gets the window
 * back or really quits. The caller must keep the returned object referenced for the app's
 * lifetime: a Tray that is garbage-collected takes its icon with it.
 */
export function createSietchTray({ iconsDir, platform, isNodeRunning, openWindow, quit }: SietchTrayOptions): SietchTray {
  // macOS tints a "Template" image (black + alpha) to suit a light or dark menu bar.
  const image = nativeImage.createFromPath(join(iconsDir, platform === 'darwin' ? 'trayTemplate.png' : 'tray.png'));
  if (platform === 'darwin') image.setTemplateImage(true);
  const tray = new Tray(image);
  // On macOS a click opens the context menu; elsewhere a click on the icon is the usual way back to the window.
  if (platform !== 'darwin') tray.on('click', () => openWindow());

  let shown: boolean | null = null;
  function refresh(): void {
    const running = isNodeRunning();
    if (running === shown) return; // an unchanged menu is not rebuilt: some Linux panels redraw the whole icon
    shown = running;
    tray.setToolTip(`Sietch — ${TRAY_LABELS.node(running).toLowerCase()}`);
    tray.setContextMenu(Menu.buildFromTemplate(trayMenu(running, { openWindow, quit })));
  }
  refresh();
  const poll = setInterval(refresh, STATUS_POLL_MS);
  poll.unref(); // never the reason the process stays alive

  return {
    refresh,
    destroy() {
      clearInterval(poll);
      if (!tray.isDestroyed()) tray.destroy();
    },
  };
}
