/*
 * Stand-ins for the Electron objects the shell uses (electron-api.ts), for unit tests in plain
 * Node. They record what the shell did to them and let a test emit what Electron would emit.
 * Not imported by production code.
 */
import { EventEmitter } from 'node:events';
import type { BrowserWindowConstructorOptions, HandlerDetails, Point, Rectangle, WindowOpenHandlerResponse } from 'electron';
import type { LogFields, Logger } from '../../core/logging/logger.js';
import type {
  AppLike,
  CancellableEvent,
  ElectronApi,
  IpcInvokeListener,
  IpcMainLike,
  IpcMessageListener,
  IpcSenderEvent,
  NavigationEvent,
  PermissionCheckHandler,
  PermissionRequestHandler,
  ScreenLike,
  SessionLike,
  ShellLike,
  WebContentsLike,
  WindowLike,
} from '../electron-api.js';
import type { Clock } from '../lifecycle/clock.js';

export class FakeEvent implements CancellableEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class FakeNavigationEvent extends FakeEvent implements NavigationEvent {
  constructor(readonly url: string) {
    super();
  }
}

let nextContentsId = 1;

export class FakeWebContents extends EventEmitter implements WebContentsLike {
  readonly id = nextContentsId++;
  url = '';
  destroyed = false;
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  windowOpenHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | null = null;

  isDestroyed(): boolean {
    return this.destroyed;
  }
  getURL(): string {
    return this.url;
  }
  /** the page side (a FakeIpcRenderer) that receives what main sends, when a test attaches one */
  renderer: EventEmitter | null = null;

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, args });
    // IPC copies with structured clone; so does this
    this.renderer?.emit(channel, { sender: 'main' }, ...structuredClone(args));
  }
  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void {
    this.windowOpenHandler = handler;
  }

  /** Emit will-navigate as Electron does; true if the shell let it happen. */
  navigate(url: string): boolean {
    const event = new FakeNavigationEvent(url);
    this.emit('will-navigate', event, url);
    return !event.defaultPrevented;
  }
  /** What window.open(url) would get. */
  openWindow(url: string): WindowOpenHandlerResponse | null {
    return this.windowOpenHandler?.({ url, frameName: '', features: '', disposition: 'new-window', referrer: { url: '', policy: 'default' } }) ?? null;
  }
  crash(reason: 'crashed' | 'killed' | 'oom' = 'crashed'): void {
    this.emit('render-process-gone', new FakeEvent(), { reason, exitCode: 1 });
  }
  /** A sender event from this contents' top frame (or a given frame URL). */
  senderEvent(frameUrl: string = this.url, parent: unknown = null): IpcSenderEvent {
    return { sender: this, senderFrame: { url: frameUrl, parent } };
  }
}

export class FakeWindow extends EventEmitter implements WindowLike {
  readonly webContents = new FakeWebContents();
  visible = false;
  destroyed = false;
  focused = false;
  minimized = false;
  alwaysOnTop = false;
  alwaysOnTopLevel: string | undefined;
  bounds: Partial<Rectangle> | null = null;
  readonly calls: string[] = [];
  readonly loadedUrls: string[] = [];

  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  show(): void {
    this.calls.push('show');
    this.visible = true;
    this.focused = true;
  }
  showInactive(): void {
    this.calls.push('showInactive');
    this.visible = true;
  }
  hide(): void {
    this.calls.push('hide');
    this.visible = false;
  }
  focus(): void {
    this.calls.push('focus');
    this.focused = true;
  }
  restore(): void {
    this.calls.push('restore');
    this.minimized = false;
  }
  destroy(): void {
    if (this.destroyed) return;
    this.calls.push('destroy');
    this.destroyed = true;
    this.visible = false;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
  setBounds(bounds: Partial<Rectangle>): void {
    this.bounds = bounds;
  }
  getBounds(): Rectangle {
    return { x: 0, y: 0, width: 420, height: 640, ...this.bounds };
  }
  setAlwaysOnTop(flag: boolean, level?: 'normal' | 'floating' | 'pop-up-menu' | 'screen-saver'): void {
    this.alwaysOnTop = flag;
    this.alwaysOnTopLevel = level;
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url);
    this.webContents.url = url;
    return Promise.resolve();
  }

  /** The user (or the OS) closes the window; returns true if it really closed. */
  userClose(): boolean {
    const event = new FakeEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return false;
    this.destroy();
    return true;
  }
  /** The page painted for the first time. */
  readyToShow(): void {
    this.emit('ready-to-show');
  }
}

export class FakeApp extends EventEmitter implements AppLike {
  isPackaged = false;
  lockGranted = true;
  quitCalls = 0;
  private resolveReady: () => void = () => undefined;
  private readonly ready: Promise<void>;

  constructor(options: { readyImmediately?: boolean } = {}) {
    super();
    this.ready = new Promise<void>((resolve) => (this.resolveReady = resolve));
    if (options.readyImmediately ?? true) this.resolveReady();
  }

  requestSingleInstanceLock(): boolean {
    return this.lockGranted;
  }
  whenReady(): Promise<void> {
    return this.ready;
  }
  becomeReady(): void {
    this.resolveReady();
  }
  quit(): void {
    this.quitCalls += 1;
    const event = new FakeEvent();
    this.emit('before-quit', event);
  }
  /** before-quit as Electron emits it; true if nobody prevented it. */
  emitBeforeQuit(): boolean {
    const event = new FakeEvent();
    this.emit('before-quit', event);
    return !event.defaultPrevented;
  }
}

export class FakeIpcMain extends EventEmitter implements IpcMainLike {
  readonly handlers = new Map<string, IpcInvokeListener>();

  handle(channel: string, listener: IpcInvokeListener): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  override on(channel: string, listener: IpcMessageListener): this {
    return super.on(channel, listener);
  }
  override removeListener(channel: string, listener: IpcMessageListener): this {
    return super.removeListener(channel, listener);
  }
  /** What ipcRenderer.invoke(channel, ...args) from `event.sender` would do. */
  async invoke(channel: string, event: IpcSenderEvent, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args);
  }
  /** What ipcRenderer.send(channel, ...args) from `event.sender` would do. */
  deliver(channel: string, event: IpcSenderEvent, ...args: unknown[]): void {
    this.emit(channel, event, ...args);
  }
}

export class FakeSession implements SessionLike {
  requestHandler: PermissionRequestHandler | null = null;
  checkHandler: PermissionCheckHandler | null = null;
  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler): void {
    this.checkHandler = handler;
  }
}

export interface FakeDisplay {
  bounds: Rectangle;
  workArea: Rectangle;
}

export class FakeScreen implements ScreenLike {
  cursor: Point = { x: 0, y: 0 };
  constructor(readonly displays: FakeDisplay[]) {}
  getCursorScreenPoint(): Point {
    return { ...this.cursor };
  }
  getDisplayNearestPoint(point: Point): FakeDisplay {
    const inside = this.displays.find(
      ({ bounds: b }) => point.x >= b.x && point.x < b.x + b.width && point.y >= b.y && point.y < b.y + b.height,
    );
    return inside ?? this.displays[0]!;
  }
}

export class FakeShell implements ShellLike {
  readonly opened: string[] = [];
  openExternal(url: string): Promise<void> {
    this.opened.push(url);
    return Promise.resolve();
  }
}

/** Timers that run only when the test advances time. */
export class FakeClock implements Clock {
  private current = 1_000_000;
  private nextHandle = 1;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();

  now(): number {
    return this.current;
  }
  setTimeout(callback: () => void, ms: number): unknown {
    const handle = this.nextHandle++;
    this.timers.set(handle, { at: this.current + ms, callback });
    return handle;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  pendingTimers(): number {
    return this.timers.size;
  }
  /** Move time forward, running due timers in order. */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.current = due[1].at;
      due[1].callback();
    }
    this.current = target;
  }
}

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields: LogFields;
}

export function recordingLogger(entries: LogEntry[] = []): Logger & { entries: LogEntry[] } {
  const make = (bindings: LogFields): Logger => ({
    debug: (message, fields) => entries.push({ level: 'debug', message, fields: { ...bindings, ...fields } }),
    info: (message, fields) => entries.push({ level: 'info', message, fields: { ...bindings, ...fields } }),
    warn: (message, fields) => entries.push({ level: 'warn', message, fields: { ...bindings, ...fields } }),
    error: (message, fields) => entries.push({ level: 'error', message, fields: { ...bindings, ...fields } }),
    child: (more) => make({ ...bindings, ...more }),
  });
  return Object.assign(make({}), { entries });
}

/** A full fake Electron: one 1920×1080 display (taskbar at the bottom) unless given others. */
export function createFakeElectron(options: { displays?: FakeDisplay[] } = {}) {
  const app = new FakeApp();
  const ipcMain = new FakeIpcMain();
  const session = new FakeSession();
  const shell = new FakeShell();
  const screen = new FakeScreen(
    options.displays ?? [{ bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
  );
  const windows: FakeWindow[] = [];
  const api: ElectronApi = {
    app,
    createWindow: (windowOptions) => {
      const window = new FakeWindow(windowOptions);
      windows.push(window);
      app.emit('web-contents-created', new FakeEvent(), window.webContents);
      return window;
    },
    screen,
    shell,
    defaultSession: () => session,
    ipcMain,
  };
  return { api, app, ipcMain, session, shell, screen, windows };
}

/** The window the shell created for a kind (found by its --plusphone-window argument). */
export function windowsOfKind(windows: readonly FakeWindow[], kind: 'main' | 'popup' | 'media'): FakeWindow[] {
  return windows.filter((w) => w.options.webPreferences?.additionalArguments?.includes(`--plusphone-window=${kind}`));
}

export function liveWindowOfKind(windows: readonly FakeWindow[], kind: 'main' | 'popup' | 'media'): FakeWindow {
  const live = windowsOfKind(windows, kind).filter((w) => !w.destroyed);
  if (live.length !== 1) throw new Error(`expected one live ${kind} window, found ${live.length}`);
  return live[0]!;
}
