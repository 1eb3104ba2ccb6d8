import type { Logger } from '../../core/logging/logger.js';
import type { PhoneSnapshot } from '../../../src-shared/domain/phone-snapshot.js';
import type { AppPages } from '../app-pages.js';
import type { ElectronApi, WebContentsLike } from '../electron-api.js';
import type { Clock } from '../lifecycle/clock.js';
import { MainWindowSlot, type MainWindowBoundsMemory, type MainWindowCloseAction } from './main-window-slot.js';
import { MediaHostWindowSlot } from './media-host-window-slot.js';
import { PopupWindowSlot } from './popup-window-slot.js';
import { popupIntents } from './popup-policy.js';
import { createWindowOpener } from './window-opener.js';
import type { WindowKind } from './window-kind.js';

export interface WindowManagerOptions {
  electron: Pick<ElectronApi, 'createWindow' | 'screen'>;
  pages: AppPages;
  preloadPath: string;
  logger: Logger;
  clock: Clock;
  /** true once the app is quitting: windows may then really close */
  isQuitting: () => boolean;
  /** the media host's renderer died; what it was doing is lost */
  onMediaHostGone: (reason: string) => void;
  /** what closing the main window does (default: hide it) */
  mainWindowCloseAction?: () => MainWindowCloseAction;
  /** ask the app to quit (app.quit); used when closing the main window quits */
  requestQuit?: () => void;
  /** remembered main-window bounds (absent: always the default place) */
  mainWindowBounds?: MainWindowBoundsMemory;
}

/**
 * One slot per window kind: the main window, the incoming-call popup and the hidden media
 * host. Knows which web contents belongs to which kind (for IPC sender checks) and turns
 * phone snapshots into popup visibility.
 */
export class WindowManager {
  private readonly main: MainWindowSlot;
  private readonly popup: PopupWindowSlot;
  private readonly media: MediaHostWindowSlot;
  private started = false;

  constructor(options: WindowManagerOptions) {
    const open = createWindowOpener({
      createWindow: options.electron.createWindow,
      pages: options.pages,
      preloadPath: options.preloadPath,
      logger: options.logger,
    });
    this.main = new MainWindowSlot({
      open,
      isQuitting: options.isQuitting,
      closeAction: options.mainWindowCloseAction ?? (() => 'hide'),
      requestQuit: options.requestQuit ?? (() => undefined),
      ...(options.mainWindowBounds ? { bounds: options.mainWindowBounds } : {}),
    });
    this.popup = new PopupWindowSlot({ open, screen: options.electron.screen, isQuitting: options.isQuitting });
    this.media = new MediaHostWindowSlot({
      open,
      isQuitting: options.isQuitting,
      clock: options.clock,
      logger: options.logger.child({ component: 'media-host-window' }),
      onGone: options.onMediaHostGone,
    });
  }

  /** Creates all windows hidden; the media host first, so it is ready before the first call. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.media.start();
    this.main.start();
    this.popup.start();
  }

  showMain(): void {
    this.main.show();
  }

  toggleMain(): void {
    this.main.toggle();
  }

  applySnapshot(snapshot: PhoneSnapshot): void {
    this.popup.apply(popupIntents(snapshot));
  }

  /** Which window a web contents belongs to, or null if it is none of ours. */
  kindOf(contents: WebContentsLike): WindowKind | null {
    for (const [kind, slot] of this.slots()) {
      const own = slot.contents();
      if (own !== null && own.id === contents.id) return kind;
    }
    return null;
  }

  /** Live windows that show the phone: the ones that receive snapshot events. */
  uiContents(): WebContentsLike[] {
    return [this.main.contents(), this.popup.contents()].filter((c): c is WebContentsLike => c !== null);
  }

  mediaContents(): WebContentsLike | null {
    return this.media.contents();
  }

  dispose(): void {
    this.popup.dispose();
    this.main.dispose();
    this.media.dispose();
    this.started = false;
  }

  private slots(): Array<[WindowKind, { contents(): WebContentsLike | null }]> {
    return [
      ['main', this.main],
      ['popup', this.popup],
      ['media', this.media],
    ];
  }
}
