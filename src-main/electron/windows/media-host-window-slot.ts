import type { RenderProcessGoneDetails } from 'electron';
import type { Logger } from '../../core/logging/logger.js';
import type { Clock } from '../lifecycle/clock.js';
import { DisposerStack } from '../lifecycle/disposer-stack.js';
import type { CancellableEvent, WebContentsLike, WindowLike } from '../electron-api.js';
import { RestartBackoff } from './restart-backoff.js';
import { liveContents, type WindowOpener } from './window-opener.js';

/**
 * The hidden window that owns microphone, peer connections and speakers, apart from the UI
 * windows so they can reload without cutting audio. If its renderer dies (crash, OOM, killed)
 * or the window goes away, it is re-created (with backoff) and `onGone` tells the media link
 * to fail what was in flight.
 *
 * Not yet here (issue 7, DESIGN.md §4): re-negotiating established calls with an ICE-restart
 * re-INVITE once the new host is up. Today a call whose media host died loses its audio.
 */
export class MediaHostWindowSlot {
  private window: WindowLike | null = null;
  private restartTimer: unknown = null;
  private disposed = false;
  private readonly listeners = new DisposerStack();
  private readonly backoff: RestartBackoff;

  constructor(
    private readonly deps: {
      open: WindowOpener;
      isQuitting: () => boolean;
      clock: Clock;
      logger: Logger;
      onGone: (reason: string) => void;
      backoff?: RestartBackoff;
    },
  ) {
    this.backoff = deps.backoff ?? new RestartBackoff();
  }

  start(): void {
    if (this.window === null && !this.disposed) this.create();
  }

  contents(): WebContentsLike | null {
    return liveContents(this.window);
  }

  dispose(): void {
    this.disposed = true;
    this.cancelRestart();
    this.listeners.disposeAll();
    if (this.window !== null && !this.window.isDestroyed()) this.window.destroy();
    this.window = null;
  }

  private create(): void {
    const window = this.deps.open('media');
    const contents = window.webContents;
    const onGone = (_event: unknown, details: RenderProcessGoneDetails): void => this.handleGone(window, details.reason);
    const onClose = (event: CancellableEvent): void => {
      if (!this.deps.isQuitting()) event.preventDefault();
    };
    const onClosed = (): void => this.handleGone(window, 'window-closed');
    contents.on('render-process-gone', onGone);
    window.on('close', onClose);
    window.on('closed', onClosed);
    this.listeners.push(() => {
      if (!contents.isDestroyed()) contents.removeListener('render-process-gone', onGone);
      if (!window.isDestroyed()) {
        window.removeListener('close', onClose);
        window.removeListener('closed', onClosed);
      }
    });
    this.window = window;
  }

  private handleGone(window: WindowLike, reason: string): void {
    if (this.disposed || this.deps.isQuitting() || window !== this.window) return;
    this.listeners.disposeAll();
    this.window = null;
    if (!window.isDestroyed()) window.destroy();
    const delay = this.backoff.nextDelay(this.deps.clock.now());
    this.deps.logger.warn('media host window gone; re-creating it', { reason, delayMs: delay });
    this.deps.onGone(reason);
    this.cancelRestart();
    this.restartTimer = this.deps.clock.setTimeout(() => {
      this.restartTimer = null;
      if (!this.disposed && !this.deps.isQuitting()) this.create();
    }, delay);
  }

  private cancelRestart(): void {
    if (this.restartTimer !== null) this.deps.clock.clearTimeout(this.restartTimer);
    this.restartTimer = null;
  }
}
