import type {
  BrowserWindowConstructorOptions,
  HandlerDetails,
  Point,
  Rectangle,
  RenderProcessGoneDetails,
  WindowOpenHandlerResponse,
} from 'electron';
import type { DesktopApi } from './desktop/desktop-services.js';

/**
 * The slice of Electron the shell uses, as narrow structural interfaces. main.ts passes the
 * real objects (the compiler checks they fit); unit tests pass fakes, so every policy runs in
 * plain Node without an Electron binary. Only types are imported from 'electron' here.
 */

/** Electron's cancellable event: `preventDefault()` stops the default action. */
export interface CancellableEvent {
  preventDefault(): void;
}

export interface NavigationEvent extends CancellableEvent {
  /** the URL being navigated or redirected to */
  readonly url: string;
}

export interface WebContentsLike {
  readonly id: number;
  isDestroyed(): boolean;
  getURL(): string;
  send(channel: string, ...args: unknown[]): void;
  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void;
  on(event: 'will-navigate', listener: (event: NavigationEvent) => void): this;
  on(event: 'will-redirect', listener: (event: NavigationEvent) => void): this;
  on(event: 'will-attach-webview', listener: (event: CancellableEvent) => void): this;
  on(event: 'render-process-gone', listener: (event: unknown, details: RenderProcessGoneDetails) => void): this;
  removeListener(event: 'will-navigate', listener: (event: NavigationEvent) => void): this;
  removeListener(event: 'will-redirect', listener: (event: NavigationEvent) => void): this;
  removeListener(event: 'will-attach-webview', listener: (event: CancellableEvent) => void): this;
  removeListener(
    event: 'render-process-gone',
    listener: (event: unknown, details: RenderProcessGoneDetails) => void,
  ): this;
}

export interface WindowLike {
  readonly webContents: WebContentsLike;
  isDestroyed(): boolean;
  isVisible(): boolean;
  isMinimized(): boolean;
  show(): void;
  /** show without taking keyboard focus (the incoming-call popup must not steal typing) */
  showInactive(): void;
  hide(): void;
  focus(): void;
  restore(): void;
  destroy(): void;
  setBounds(bounds: Partial<Rectangle>): void;
  getBounds(): Rectangle;
  setAlwaysOnTop(flag: boolean, level?: 'normal' | 'floating' | 'pop-up-menu' | 'screen-saver'): void;
  loadURL(url: string): Promise<void>;
  on(event: 'close', listener: (event: CancellableEvent) => void): this;
  on(event: 'closed', listener: () => void): this;
  once(event: 'ready-to-show', listener: () => void): this;
  removeListener(event: 'close', listener: (event: CancellableEvent) => void): this;
  removeListener(event: 'closed', listener: () => void): this;
  removeListener(event: 'ready-to-show', listener: () => void): this;
}

export interface WebFrameLike {
  readonly url: string;
  /** null for a top-level frame */
  readonly parent: unknown;
}

/** What ipcMain hands a listener: who sent the message, and from which frame. */
export interface IpcSenderEvent {
  readonly sender: WebContentsLike;
  /** null when the frame navigated away or was destroyed before the message was handled */
  readonly senderFrame: WebFrameLike | null;
}

export type IpcInvokeListener = (event: IpcSenderEvent, ...args: unknown[]) => unknown;
export type IpcMessageListener = (event: IpcSenderEvent, ...args: unknown[]) => void;

export interface IpcMainLike {
  handle(channel: string, listener: IpcInvokeListener): void;
  removeHandler(channel: string): void;
  on(channel: string, listener: IpcMessageListener): this;
  removeListener(channel: string, listener: IpcMessageListener): this;
}

export interface PermissionRequestDetails {
  readonly requestingUrl: string;
  readonly isMainFrame: boolean;
  readonly mediaTypes?: ReadonlyArray<'video' | 'audio'>;
}

export interface PermissionCheckDetails {
  readonly requestingUrl?: string;
  readonly isMainFrame: boolean;
  readonly mediaType?: 'video' | 'audio' | 'unknown';
}

export type PermissionRequestHandler = (
  webContents: WebContentsLike,
  permission: string,
  callback: (granted: boolean) => void,
  details: PermissionRequestDetails,
) => void;

export type PermissionCheckHandler = (
  webContents: WebContentsLike | null,
  permission: string,
  requestingOrigin: string,
  details: PermissionCheckDetails,
) => boolean;

export interface SessionLike {
  setPermissionRequestHandler(handler: PermissionRequestHandler): void;
  setPermissionCheckHandler(handler: PermissionCheckHandler): void;
}

export interface ScreenLike {
  getCursorScreenPoint(): Point;
  getDisplayNearestPoint(point: Point): { readonly workArea: Rectangle };
}

export interface ShellLike {
  openExternal(url: string): Promise<void>;
}

export interface AppLike {
  readonly isPackaged: boolean;
  requestSingleInstanceLock(): boolean;
  whenReady(): Promise<void>;
  quit(): void;
  on(event: 'before-quit', listener: (event: CancellableEvent) => void): this;
  on(event: 'window-all-closed', listener: () => void): this;
  on(event: 'second-instance', listener: (event: unknown, argv: string[], workingDirectory: string) => void): this;
  on(event: 'web-contents-created', listener: (event: unknown, contents: WebContentsLike) => void): this;
  removeListener(event: 'before-quit', listener: (event: CancellableEvent) => void): this;
  removeListener(event: 'window-all-closed', listener: () => void): this;
  removeListener(
    event: 'second-instance',
    listener: (event: unknown, argv: string[], workingDirectory: string) => void,
  ): this;
  removeListener(event: 'web-contents-created', listener: (event: unknown, contents: WebContentsLike) => void): this;
}

/** Creates a BrowserWindow; the one seam through which every window of the shell is made. */
export type WindowFactory = (options: BrowserWindowConstructorOptions) => WindowLike;

export interface ElectronApi {
  readonly app: AppLike;
  /** tray, global shortcuts, click-to-call, power, updates (absent: a shell without them, e.g. older tests) */
  readonly desktop?: DesktopApi;
  readonly createWindow: WindowFactory;
  readonly screen: ScreenLike;
  readonly shell: ShellLike;
  /** the default session; read after app is ready */
  defaultSession(): SessionLike;
  readonly ipcMain: IpcMainLike;
}
