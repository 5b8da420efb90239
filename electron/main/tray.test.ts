import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSietchTray, type SietchTrayOptions } from './tray';

vi.mock('electron', async () => (await import('../../test/support/fake-electron')).electronModule);

type Fake = import('../../test/support/fake-electron').FakeElectron;

const ICONS_DIR = resolve(import.meta.dirname, '../../resources/icons');
let fake: Fake;

/** Width and height from a PNG's IHDR chunk, which always comes first. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function options(overrides: Partial<SietchTrayOptions> = {}): SietchTrayOptions & { running: { value: boolean } } {
  const running = { value: true };
  return { iconsDir: ICONS_DIR, platform: 'linux', isNodeRunning: () => running.value, openWindow: vi.fn(), quit: vi.fn(), running, ...overrides };
}

beforeEach(async () => {
  fake = ((await import('electron')) as unknown as { __fake: Fake }).__fake;
  fake.reset();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('the tray', () => {
  it('uses the shipped 32×32 icon on Windows and Linux, and a template image on macOS', () => {
    createSietchTray(options({ platform: 'linux' })).destroy();
    createSietchTray(options({ platform: 'darwin' })).destroy();
    const [linux, mac] = fake.Tray.instances;
    expect(linux!.image.path).toBe(join(ICONS_DIR, 'tray.png'));
    expect(linux!.image.isEmpty()).toBe(false);
    expect(linux!.image.isTemplateImage()).toBe(false);
    expect(pngSize(join(ICONS_DIR, 'tray.png'))).toEqual({ width: 32, height: 32 });
    expect(mac!.image.path).toBe(join(ICONS_DIR, 'trayTemplate.png'));
    expect(mac!.image.isEmpty()).toBe(false);
    expect(mac!.image.isTemplateImage()).toBe(true);
    expect(pngSize(join(ICONS_DIR, 'trayTemplate.png'))).toEqual({ width: 16, height: 16 });
    expect(pngSize(join(ICONS_DIR, 'trayTemplate@2x.png'))).toEqual({ width: 32, height: 32 });
  });

  it('offers Open, the node status and Quit, and runs the matching action on a click', () => {
    const opts = options();
    createSietchTray(opts);
    const tray = fake.Tray.instances[0]!;
    expect(tray.menuLabels()).toEqual(['Open Sietch', 'Node: running', 'Quit Sietch']);
    expect(tray.toolTip).toBe('Sietch — node: running');
    tray.clickMenuItem('Open Sietch');
    expect(opts.openWindow).toHaveBeenCalledTimes(1);
    expect(opts.quit).not.toHaveBeenCalled();
    tray.clickMenuItem('Quit Sietch');
    expect(opts.quit).toHaveBeenCalledTimes(1);
    expect(() => tray.clickMenuItem('Node: running')).toThrow(/disabled/);
  });

  it('opens the window on a click on the icon, except on macOS where a click opens the menu', () => {
    const linux = options({ platform: 'linux' });
    const mac = options({ platform: 'darwin' });
    createSietchTray(linux);
    createSietchTray(mac);
    fake.Tray.instances[0]!.emit('click');
    fake.Tray.instances[1]!.emit('click');
    expect(linux.openWindow).toHaveBeenCalledTimes(1);
    expect(mac.openWindow).not.toHaveBeenCalled();
  });

  it('follows the node within a second, rebuilding the menu only when the state changes', () => {
    vi.useFakeTimers();
    const build = vi.spyOn(fake.Menu, 'buildFromTemplate');
    const opts = options();
    const handle = createSietchTray(opts);
    const tray = fake.Tray.instances[0]!;
    vi.advanceTimersByTime(5000);
    expect(build).toHaveBeenCalledTimes(1); // nothing changed: the same menu stays

    opts.running.value = false;
    vi.advanceTimersByTime(1000);
    expect(tray.menuLabels()).toContain('Node: stopped');
    expect(tray.toolTip).toBe('Sietch — node: stopped');
    expect(build).toHaveBeenCalledTimes(2);

    opts.running.value = true;
    handle.refresh(); // at once, without waiting for the poll
    expect(tray.menuLabels()).toContain('Node: running');

    handle.destroy();
    expect(tray.isDestroyed()).toBe(true);
    opts.running.value = false;
    vi.advanceTimersByTime(5000);
    expect(build).toHaveBeenCalledTimes(3); // the poll stopped with the tray
    expect(vi.getTimerCount()).toBe(0);
    handle.destroy(); // twice is harmless
  });
});
