import { describe, expect, it } from 'vitest';
import { ipcChannel, ipcMethods } from '../../src-shared/contract/ipc-contract.js';
import type { PhoneSnapshot } from '../../src-shared/domain/phone-snapshot.js';
import { AppPages } from './app-pages.js';
import { MEDIA_RPC_CHANNEL } from './ipc/media-rpc-channel.js';
import { ShellApp } from './shell-app.js';
import { FakeApp, FakeClock, createFakeElectron, liveWindowOfKind, recordingLogger } from './testing/fake-electron.js';
import { createFakeDesktop } from './testing/fake-desktop.js';
import { FakePhone } from './testing/fake-phone.js';
import { line, snapshotWith } from './testing/snapshots.js';

function setup(options: { initial?: PhoneSnapshot; lock?: boolean; desktop?: ReturnType<typeof createFakeDesktop> } = {}) {
  const fake = createFakeElectron();
  const electron = options.desktop ? { ...fake, api: { ...fake.api, desktop: options.desktop.api } } : fake;
  electron.app.lockGranted = options.lock ?? true;
  const pages = new AppPages({ rendererDir: '/app/out/renderer' });
  const clock = new FakeClock();
  const phones: FakePhone[] = [];
  const logger = recordingLogger();
  const shell = new ShellApp({
    electron: electron.api,
    pages,
    preloadPath: '/app/out/preload/index.cjs',
    createPhone: (mediaHost) => {
      const phone = new FakePhone(mediaHost);
      if (options.initial) phone.snapshot = options.initial;
      phones.push(phone);
      return phone;
    },
    logger,
    clock,
    disposeTimeoutMs: 3_000,
  });
  return { ...electron, pages, clock, phones, logger, shell };
}

const APP_EVENTS = ['web-contents-created', 'second-instance', 'before-quit', 'window-all-closed'] as const;

describe('ShellApp.start', () => {
  it('as a second instance: quits at once and creates nothing', async () => {
    const t = setup({ lock: false });
    await expect(t.shell.start()).resolves.toBe('secondary-instance');
    expect(t.app.quitCalls).toBe(1);
    expect(t.windows).toHaveLength(0);
    expect(t.phones).toHaveLength(0);
    expect(t.ipcMain.handlers.size).toBe(0);
  });

  it('creates the three windows, the phone with a media link, the IPC contract and the permission policy', async () => {
    const t = setup();
    await expect(t.shell.start()).resolves.toBe('started');
    expect(t.windows).toHaveLength(3);
    expect(t.phones).toHaveLength(1);
    expect(t.phones[0]!.started).toBe(true);
    expect([...t.ipcMain.handlers.keys()].sort()).toEqual(ipcMethods.map((m) => ipcChannel(m)).sort());
    expect(t.ipcMain.listenerCount(MEDIA_RPC_CHANNEL)).toBe(1);
    expect(t.session.requestHandler).not.toBeNull();
    expect(t.session.checkHandler).not.toBeNull();
  });

  it('guards every web contents the app creates against navigation and new windows', async () => {
    const t = setup();
    await t.shell.start();
    for (const window of t.windows) {
      expect(window.webContents.navigate('https://evil.example/')).toBe(false);
      expect(window.webContents.openWindow('https://example.com/')).toEqual({ action: 'deny' });
    }
    expect(t.shell.isQuitting()).toBe(false);
  });

  it('waits for app ready before touching windows or sessions', async () => {
    const electron = createFakeElectron();
    const app = new FakeApp({ readyImmediately: false });
    const shell = new ShellApp({
      electron: { ...electron.api, app },
      pages: new AppPages({ rendererDir: '/app/out/renderer' }),
      preloadPath: '/app/out/preload/index.cjs',
      createPhone: (mediaHost) => new FakePhone(mediaHost),
      logger: recordingLogger(),
      clock: new FakeClock(),
    });
    const started = shell.start();
    await Promise.resolve();
    expect(electron.windows).toHaveLength(0);
    expect(electron.session.requestHandler).toBeNull();
    app.becomeReady();
    await expect(started).resolves.toBe('started');
    expect(electron.windows).toHaveLength(3);
    await shell.dispose();
  });

  it('shows the main window for login when nobody is logged in, after its first paint', async () => {
    const t = setup();
    await t.shell.start();
    const main = liveWindowOfKind(t.windows, 'main');
    expect(main.visible).toBe(false);
    main.readyToShow();
    expect(main.visible).toBe(true);
  });

  it('keeps the main window hidden when the phone is already logged in', async () => {
    const t = setup({ initial: snapshotWith([]) });
    await t.shell.start();
    const main = liveWindowOfKind(t.windows, 'main');
    main.readyToShow();
    expect(main.visible).toBe(false);
  });

  it('shows the main window when PlusPhone is launched again', async () => {
    const t = setup({ initial: snapshotWith([]) });
    await t.shell.start();
    const main = liveWindowOfKind(t.windows, 'main');
    main.readyToShow();
    t.app.emit('second-instance', {}, ['PlusPhone.exe'], 'C:\\');
    expect(main.visible).toBe(true);
  });
});

describe('ShellApp snapshots', () => {
  it('pushes each snapshot to the main and popup windows (not the media window) and pops up on a ringing call', async () => {
    const t = setup({ initial: snapshotWith([]) });
    await t.shell.start();
    const ringing = snapshotWith([line({ id: 'L1' })], 2);
    t.phones[0]!.push(ringing);
    const main = liveWindowOfKind(t.windows, 'main');
    const popup = liveWindowOfKind(t.windows, 'popup');
    const media = liveWindowOfKind(t.windows, 'media');
    expect(main.webContents.sent).toEqual([{ channel: 'plusphone:phone.snapshot', args: [ringing] }]);
    expect(popup.webContents.sent).toEqual([{ channel: 'plusphone:phone.snapshot', args: [ringing] }]);
    expect(media.webContents.sent).toEqual([]);
    expect(popup.calls).toContain('showInactive');
    expect(main.visible).toBe(false);
  });
});

describe('ShellApp quitting', () => {
  it('on quit: holds the quit until the phone has hung up, then tears everything down and quits', async () => {
    const t = setup();
    await t.shell.start();
    const phone = t.phones[0]!;
    let finishDispose: () => void = () => undefined;
    phone.disposeResult = new Promise<void>((resolve) => (finishDispose = resolve));

    expect(t.app.emitBeforeQuit()).toBe(false);
    expect(t.shell.isQuitting()).toBe(true);
    expect(phone.disposed).toBe(true);
    // IPC is closed at once; windows and the media link stay until the phone is done
    expect(t.ipcMain.handlers.size).toBe(0);
    expect(t.windows.some((w) => w.destroyed)).toBe(false);

    finishDispose();
    await t.shell.dispose();
    expect(t.windows.every((w) => w.destroyed)).toBe(true);
    expect(t.ipcMain.listenerCount(MEDIA_RPC_CHANNEL)).toBe(0);
    for (const event of APP_EVENTS) expect(t.app.listenerCount(event), event).toBe(0);
    expect(phone.listeners.size).toBe(0);
    expect(t.session.requestHandler).not.toBeNull(); // left as deny-all
    await Promise.resolve();
    expect(t.app.quitCalls).toBe(1);
  });

  it('quits anyway when the phone does not finish in time', async () => {
    const t = setup();
    await t.shell.start();
    t.phones[0]!.disposeResult = new Promise<void>(() => undefined);
    const done = t.shell.dispose();
    t.clock.advance(3_000);
    await done;
    expect(t.windows.every((w) => w.destroyed)).toBe(true);
    expect(t.logger.entries).toContainEqual(expect.objectContaining({ level: 'warn' }));
  });

  it('closing the main window while logged out quits the app (there is no tray yet)', async () => {
    const t = setup();
    await t.shell.start();
    const main = liveWindowOfKind(t.windows, 'main');
    expect(main.userClose()).toBe(false);
    expect(t.app.quitCalls).toBe(1);
    expect(t.shell.isQuitting()).toBe(true);
    await t.shell.dispose();
    expect(t.windows.every((w) => w.destroyed)).toBe(true);
  });

  it('lets windows really close once quitting', async () => {
    const t = setup({ initial: snapshotWith([]) });
    await t.shell.start();
    const main = liveWindowOfKind(t.windows, 'main');
    expect(main.userClose()).toBe(false);
    void t.shell.dispose();
    expect(main.userClose()).toBe(true);
  });

  it('dispose is idempotent', async () => {
    const t = setup();
    await t.shell.start();
    const a = t.shell.dispose();
    const b = t.shell.dispose();
    expect(a).toBe(b);
    await a;
  });
});

describe('ShellApp with desktop integration', () => {
  it('shows the tray, keeps the main window on close, and dials what a second launch forwards', async () => {
    const desktop = createFakeDesktop();
    const t = setup({ initial: snapshotWith([]), desktop });
    await t.shell.start();
    expect(desktop.tray().image).toBe('registered');
    expect(desktop.state.protocols).toEqual(['tel', 'callto', 'sip']);
    // what the system took of the global shortcuts reaches the core (and so the settings view)
    expect(t.phones[0]!.shortcutReport).toEqual(expect.arrayContaining([{ action: 'answer', accelerator: 'CommandOrControl+Alt+A', status: 'registered' }]));
    t.app.emit('second-instance', {}, ['PlusPhone.exe', '--dial', '0312345678'], 'C:\\');
    await new Promise((resolve) => setImmediate(resolve));
    expect(t.phones[0]!.calls).toContain('dial 0312345678');
    await t.shell.dispose();
    expect(desktop.tray().destroyed).toBe(true);
    expect(desktop.state.shortcuts.size).toBe(0);
  });
});
