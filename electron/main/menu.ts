import { Menu, type MenuItemConstructorOptions } from 'electron';

/**
 * A minimal application menu built from standard roles only: the OS-native edit shortcuts
 * (copy, paste, undo) need a menu to work on macOS. Developer tools only in unpackaged runs.
 */
export function installApplicationMenu({ isPackaged, platform }: { isPackaged: boolean; platform: NodeJS.Platform }): void {
  const view: MenuItemConstructorOptions[] = [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }];
  if (!isPackaged) view.push({ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' });
  const template: MenuItemConstructorOptions[] = [
    ...(platform === 'darwin' ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
