import { DisposerStack } from '../lifecycle/disposer-stack.js';
import type { CancellableEvent, ScreenLike, WebContentsLike, WindowLike } from '../electron-api.js';
import { popupBounds } from './popup-placement.js';
import type { PopupIntent } from './popup-policy.js';
import { POPUP_SIZE } from './window-options.js';
import { liveContents, type WindowOpener } from './window-opener.js';

/**
 * The incoming-call popup. One window, created hidden at start so it is painted and ready
 * when a call rings; shown without focus at the top centre of the display under the cursor.
 *
 * Walking skeleton: a single popup shows the first call (the page picks the same call from
 * the snapshot: ringing first, then answered, oldest first). The input is already one intent
 * per call, so "one popup per call, stacked" (issue 7) becomes a map of these windows keyed
 * by lineId, each placed with popupBounds(…, stackIndex).
 */
export class PopupWindowSlot {
  private window: WindowLike | null = null;
  private shownFor: string | null = null;
  private readonly listeners = new DisposerStack();

  constructor(
    private readonly deps: { open: WindowOpener; screen: ScreenLike; isQuitting: () => boolean },
  ) {}

  start(): void {
    if (this.window !== null) return;
    const window = this.deps.open('popup');
    const onClose = (event: CancellableEvent): void => {
      if (this.deps.isQuitting()) return;
      // Alt+F4 on a ringing popup hides it; the call keeps ringing in the main window
      event.preventDefault();
      this.hide();
    };
    window.on('close', onClose);
    this.listeners.push(() => {
      if (!window.isDestroyed()) window.removeListener('close', onClose);
    });
    this.window = window;
  }

  apply(intents: readonly PopupIntent[]): void {
    const window = this.window;
    if (window === null || window.isDestroyed()) return;
    const intent = intents[0];
    if (intent === undefined) {
      this.hide();
      return;
    }
    window.setAlwaysOnTop(intent.alwaysOnTop, 'pop-up-menu');
    if (this.shownFor === null || !window.isVisible()) {
      // placed once when it appears; it does not jump while the user looks at it
      const display = this.deps.screen.getDisplayNearestPoint(this.deps.screen.getCursorScreenPoint());
      window.setBounds(popupBounds(display.workArea, POPUP_SIZE, 0));
      window.showInactive();
    }
    this.shownFor = intent.lineId;
  }

  /** The call the popup currently shows, or null when it is hidden. */
  currentLineId(): string | null {
    return this.shownFor;
  }

  contents(): WebContentsLike | null {
    return liveContents(this.window);
  }

  dispose(): void {
    this.listeners.disposeAll();
    if (this.window !== null && !this.window.isDestroyed()) this.window.destroy();
    this.window = null;
    this.shownFor = null;
  }

  private hide(): void {
    const window = this.window;
    this.shownFor = null;
    if (window === null || window.isDestroyed()) return;
    window.setAlwaysOnTop(false);
    if (window.isVisible()) window.hide();
  }
}
