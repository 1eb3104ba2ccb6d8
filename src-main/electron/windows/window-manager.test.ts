import { describe, expect, it } from 'vitest';
import { AppPages } from '../app-pages.js';
import {
  FakeClock,
  FakeEvent,
  type FakeDisplay,
  createFakeElectron,
  liveWindowOfKind,
  recordingLogger,
  windowsOfKind,
} from '../testing/fake-electron.js';
import { line, snapshotWith } from '../testing/snapshots.js';
import { WindowManager } from './window-manager.js';
import { POPUP_SIZE } from './window-options.js';
import { MAX_STACKED_POPUPS, POPUP_STACK_GAP, popupStackSize } from './popup-window-slot.js';

const PRELOAD = '/app/out/preload/index.cjs';

function setup(options: { displays?: FakeDisplay[]; mainWindowCloseAction?: () => 'hide' | 'quit-app' } = {}) {
  const electron = createFakeElectron(options);
  const pages = new AppPages({ rendererDir: '/app/out/renderer' });
  const clock = new FakeClock();
  const gone: string[] = [];
  let quitting = false;
  let quitRequests = 0;
  const manager = new WindowManager({
    electron: electron.api,
    pages,
    preloadPath: PRELOAD,
    logger: recordingLogger(),
    clock,
    isQuitting: () => quitting,
    onMediaHostGone: (reason) => gone.push(reason),
    mainWindowCloseAction: options.mainWindowCloseAction,
    requestQuit: () => (quitRequests += 1),
  });
  manager.start();
  return { ...electron, pages, clock, gone, manager, quit: () => (quitting = true), quitRequests: () => quitRequests };
}

describe('WindowManager: creation', () => {
  it('creates exactly one hidden window per kind, each on its own page with the preload', () => {
    const { windows, pages } = setup();
    expect(windows).toHaveLength(3);
    for (const kind of ['main', 'popup', 'media'] as const) {
      const window = liveWindowOfKind(windows, kind);
      expect(window.loadedUrls).toEqual([pages.pageUrl(kind)]);
      expect(window.visible).toBe(false);
      expect(window.options.show).toBe(false);
      expect(window.options.webPreferences).toMatchObject({
        preload: PRELOAD,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
      });
    }
  });

  it('knows which web contents belongs to which window, and which windows show the phone', () => {
    const { windows, manager } = setup();
    const main = liveWindowOfKind(windows, 'main');
    const popup = liveWindowOfKind(windows, 'popup');
    const media = liveWindowOfKind(windows, 'media');
    expect(manager.kindOf(main.webContents)).toBe('main');
    expect(manager.kindOf(popup.webContents)).toBe('popup');
    expect(manager.kindOf(media.webContents)).toBe('media');
    expect(manager.uiContents().map((c) => c.id).sort()).toEqual([main.webContents.id, popup.webContents.id].sort());
    expect(manager.mediaContents()?.id).toBe(media.webContents.id);
  });
});

describe('WindowManager: main window', () => {
  it('hides instead of closing while the app runs, and closes when quitting', () => {
    const { windows, quit } = setup();
    const main = liveWindowOfKind(windows, 'main');
    main.show();
    expect(main.userClose()).toBe(false);
    expect(main.visible).toBe(false);
    quit();
    expect(main.userClose()).toBe(true);
  });

  it('asks the app to quit instead, when the close policy says so, and stays open meanwhile', () => {
    const { windows, quitRequests } = setup({ mainWindowCloseAction: () => 'quit-app' });
    const main = liveWindowOfKind(windows, 'main');
    expect(main.userClose()).toBe(false);
    expect(main.destroyed).toBe(false);
    expect(quitRequests()).toBe(1);
  });

  it('waits for the first paint before showing, then shows and focuses', () => {
    const { windows, manager } = setup();
    const main = liveWindowOfKind(windows, 'main');
    manager.showMain();
    expect(main.visible).toBe(false);
    main.readyToShow();
    expect(main.calls).toEqual(['show', 'focus']);
    main.minimized = true;
    manager.showMain();
    expect(main.calls).toEqual(['show', 'focus', 'restore', 'show', 'focus']);
  });
});

describe('WindowManager: popup', () => {
  const twoDisplays = [
    { bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 } },
    { bounds: { x: 1920, y: 0, width: 1280, height: 1024 }, workArea: { x: 1920, y: 30, width: 1280, height: 994 } },
  ];

  it('shows without focus, on top, at the top centre of the display under the cursor, when a call rings', () => {
    const { windows, manager, screen } = setup({ displays: twoDisplays });
    screen.cursor = { x: 2500, y: 500 };
    manager.applySnapshot(snapshotWith([line({ id: 'L1' })]));
    const popup = liveWindowOfKind(windows, 'popup');
    expect(popup.calls).toEqual(['showInactive']);
    expect(popup.focused).toBe(false);
    expect(popup.alwaysOnTop).toBe(true);
    expect(popup.bounds).toEqual({
      x: 1920 + (1280 - POPUP_SIZE.width) / 2,
      y: 30 + 12,
      width: POPUP_SIZE.width,
      height: POPUP_SIZE.height,
    });
    // the main window is not touched by an incoming call
    expect(liveWindowOfKind(windows, 'main').calls).toEqual([]);
  });

  it('stacks a card per call: the window grows downwards, its top stays, and shrinks back', () => {
    const { windows, manager } = setup({ displays: twoDisplays });
    const popup = liveWindowOfKind(windows, 'popup');
    manager.applySnapshot(snapshotWith([line({ id: 'L1' })], 1));
    const first = popup.bounds!;
    manager.applySnapshot(snapshotWith([line({ id: 'L1' }), line({ id: 'L2', startedAt: 2_000 })], 2));
    expect(popup.bounds).toEqual({ ...first, height: popupStackSize(2).height });
    expect(popupStackSize(2).height).toBe(2 * POPUP_SIZE.height + POPUP_STACK_GAP);
    expect(popupStackSize(9)).toEqual(popupStackSize(MAX_STACKED_POPUPS));
    manager.applySnapshot(snapshotWith([line({ id: 'L2', startedAt: 2_000, state: 'held', connectedAt: 3 })], 3));
    expect(popup.bounds).toEqual({ ...first, height: POPUP_SIZE.height });
    expect(popup.calls.filter((c) => c === 'showInactive')).toHaveLength(1);
  });

  it('stays where it is while the call goes on, and hides when no call rings or is active', () => {
    const { windows, manager, screen } = setup({ displays: twoDisplays });
    const popup = liveWindowOfKind(windows, 'popup');
    manager.applySnapshot(snapshotWith([line({ id: 'L1' })], 1));
    const placed = popup.bounds;
    screen.cursor = { x: 2500, y: 500 };
    manager.applySnapshot(snapshotWith([line({ id: 'L1', state: 'connected', connectedAt: 5 })], 2));
    expect(popup.bounds).toBe(placed);
    expect(popup.calls).toEqual(['showInactive']);
    expect(popup.alwaysOnTop).toBe(true);

    manager.applySnapshot(snapshotWith([line({ id: 'L1', state: 'ended', endReason: 'remoteHangup' })], 3));
    expect(popup.visible).toBe(false);
    expect(popup.alwaysOnTop).toBe(false);

    // the next call is placed afresh where the cursor is now
    manager.applySnapshot(snapshotWith([line({ id: 'L2', startedAt: 9 })], 4));
    expect(popup.calls).toEqual(['showInactive', 'hide', 'showInactive']);
    expect(popup.bounds?.x).toBeGreaterThanOrEqual(1920);
  });

  it('does not pop up for outgoing calls', () => {
    const { windows, manager } = setup();
    manager.applySnapshot(snapshotWith([line({ id: 'O1', direction: 'outgoing', state: 'ringingOut' })]));
    expect(liveWindowOfKind(windows, 'popup').visible).toBe(false);
  });

  it('hides (does not close) on Alt+F4 while running', () => {
    const { windows, manager } = setup();
    manager.applySnapshot(snapshotWith([line({ id: 'L1' })]));
    const popup = liveWindowOfKind(windows, 'popup');
    expect(popup.userClose()).toBe(false);
    expect(popup.visible).toBe(false);
    expect(popup.destroyed).toBe(false);
  });
});

describe('WindowManager: media host', () => {
  it('re-creates the media window when its renderer dies, after reporting it gone', () => {
    const { windows, manager, gone, clock, pages } = setup();
    const first = liveWindowOfKind(windows, 'media');
    first.webContents.crash('crashed');
    expect(gone).toEqual(['crashed']);
    expect(first.destroyed).toBe(true);
    expect(manager.mediaContents()).toBeNull();

    clock.advance(0);
    const second = liveWindowOfKind(windows, 'media');
    expect(second).not.toBe(first);
    expect(second.loadedUrls).toEqual([pages.pageUrl('media')]);
    expect(second.options.webPreferences?.backgroundThrottling).toBe(false);
    expect(manager.kindOf(second.webContents)).toBe('media');
    expect(manager.kindOf(first.webContents)).toBeNull();
  });

  it('backs off when the media window keeps dying', () => {
    const { windows, clock } = setup();
    liveWindowOfKind(windows, 'media').webContents.crash();
    clock.advance(0);
    liveWindowOfKind(windows, 'media').webContents.crash();
    clock.advance(999);
    expect(windowsOfKind(windows, 'media').filter((w) => !w.destroyed)).toHaveLength(0);
    clock.advance(1);
    expect(windowsOfKind(windows, 'media').filter((w) => !w.destroyed)).toHaveLength(1);
  });

  it('cannot be closed by its page while running, and is not re-created while quitting', () => {
    const { windows, quit, gone, clock } = setup();
    const media = liveWindowOfKind(windows, 'media');
    expect(media.userClose()).toBe(false);
    quit();
    expect(media.userClose()).toBe(true);
    clock.advance(60_000);
    expect(gone).toEqual([]);
    expect(windowsOfKind(windows, 'media')).toHaveLength(1);
  });
});

describe('WindowManager: dispose', () => {
  it('destroys every window, removes its listeners and re-creates nothing afterwards', () => {
    const { windows, manager, clock, gone } = setup();
    const media = liveWindowOfKind(windows, 'media');
    manager.dispose();
    expect(windows.every((w) => w.destroyed)).toBe(true);
    for (const w of windows) {
      expect(w.listenerCount('close')).toBe(0);
      expect(w.listenerCount('closed')).toBe(0);
    }
    media.webContents.crash();
    clock.advance(60_000);
    expect(windows).toHaveLength(3);
    expect(gone).toEqual([]);
    expect(manager.uiContents()).toEqual([]);
  });
});

describe('main window bounds', () => {
  it('opens where it was last left and remembers where it is when hidden', () => {
    const fake = createFakeElectron();
    const saved: unknown[] = [];
    const manager = new WindowManager({
      electron: fake.api,
      pages: new AppPages({ rendererDir: '/app/out/renderer' }),
      preloadPath: '/app/out/preload/index.cjs',
      logger: recordingLogger(),
      clock: new FakeClock(),
      isQuitting: () => false,
      onMediaHostGone: () => undefined,
      mainWindowBounds: { restore: () => ({ x: 100, y: 80, width: 500, height: 700 }), save: (b) => saved.push(b) },
    });
    manager.start();
    const main = liveWindowOfKind(fake.windows, 'main')!;
    expect(main.bounds).toEqual({ x: 100, y: 80, width: 500, height: 700 });
    main.setBounds({ x: 300, y: 90, width: 500, height: 700 });
    main.emit('close', new FakeEvent());
    expect(saved).toEqual([{ x: 300, y: 90, width: 500, height: 700 }]);
    manager.dispose();
  });
});
