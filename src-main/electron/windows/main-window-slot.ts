import { DisposerStack } from '../lifecycle/disposer-stack.js';
import type { CancellableEvent, WebContentsLike, WindowLike } from '../electron-api.js';
import type { Bounds } from './window-bounds.js';
import { liveContents, type WindowOpener } from './window-opener.js';

/** Where the main window was: read once at start (already validated against the displays), written when it hides or closes. */
export interface MainWindowBoundsMemory {
  restore(): Bounds | null;
  save(bounds: Bounds): void;
}

/** What closing the main window does while the app is not already quitting. */
export type MainWindowCloseAction = 'hide' | 'quit-app';

/**
 * The main window (dialer, lines, login). Created hidden. Closing it hides it (the phone must
 * keep ringing) or, when `closeAction` says so, asks the app to quit; while the app is
 * quitting it really closes.
 */
export class MainWindowSlot {
  private window: WindowLike | null = null;
  private readyToShow = false;
  private showWhenReady = false;
  private readonly listeners = new DisposerStack();

  constructor(
    private readonly deps: {
      open: WindowOpener;
      isQuitting: () => boolean;
      closeAction: () => MainWindowCloseAction;
      requestQuit: () => void;
      bounds?: MainWindowBoundsMemory;
    },
  ) {}

  start(): void {
    if (this.window !== null) return;
    const window = this.deps.open('main');
    const restored = this.deps.bounds?.restore();
    if (restored) window.setBounds(restored);
    const onClose = (event: CancellableEvent): void => {
      this.rememberBounds();
      if (this.deps.isQuitting()) return;
      event.preventDefault();
      // quitting goes through the app (before-quit), so the phone hangs up before windows go
      if (this.deps.closeAction() === 'quit-app') this.deps.requestQuit();
      else window.hide();
    };
    const onReady = (): void => {
      this.readyToShow = true;
      if (this.showWhenReady) this.show();
    };
    window.on('close', onClose);
    window.once('ready-to-show', onReady);
    this.listeners.push(() => {
      if (window.isDestroyed()) return;
      window.removeListener('close', onClose);
      window.removeListener('ready-to-show', onReady);
    });
    this.window = window;
  }

  /** Bring the main window to the front (second launch, later the tray). */
  show(): void {
    const window = this.window;
    if (window === null || window.isDestroyed()) return;
    if (!this.readyToShow) {
      // showing before the first paint would flash an empty window
      this.showWhenReady = true;
      return;
    }
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  }

  /** Show it, or hide it when it is already in front (the tray click, the dialer shortcut). */
  toggle(): void {
    const window = this.window;
    if (window === null || window.isDestroyed()) return;
    if (window.isVisible() && !window.isMinimized()) window.hide();
    else this.show();
  }

  contents(): WebContentsLike | null {
    return liveContents(this.window);
  }

  private rememberBounds(): void {
    const window = this.window;
    if (!this.deps.bounds || window === null || window.isDestroyed() || window.isMinimized()) return;
    this.deps.bounds.save(window.getBounds());
  }

  dispose(): void {
    this.rememberBounds();
    this.listeners.disposeAll();
    if (this.window !== null && !this.window.isDestroyed()) this.window.destroy();
    this.window = null;
  }
}
