import { DisposerStack } from '../lifecycle/disposer-stack.js';
import type { CancellableEvent, ScreenLike, WebContentsLike, WindowLike } from '../electron-api.js';
import { popupBounds } from './popup-placement.js';
import type { PopupIntent } from './popup-policy.js';
import { POPUP_SIZE } from './window-options.js';
import { liveContents, type WindowOpener } from './window-opener.js';

/** Cards shown at once; more calls than this scroll inside the window. */
export const MAX_STACKED_POPUPS = 4;
/** Space between stacked cards, as the page's .popup-window gap (DIP). */
export const POPUP_STACK_GAP = 8;

/** The window size for `count` stacked popup cards. */
export function popupStackSize(count: number): { width: number; height: number } {
  const shown = Math.max(1, Math.min(count, MAX_STACKED_POPUPS));
  return { width: POPUP_SIZE.width, height: shown * POPUP_SIZE.height + (shown - 1) * POPUP_STACK_GAP };
}

/**
 * The incoming-call popups. One window, created hidden at start so it is painted and ready
 * when a call rings (a window made at ring time would be late); shown without focus at the top
 * centre of the display under the cursor. Its page stacks one card per call — ringing calls
 * first, then answered ones, oldest first, the same order as popupIntents — and the window
 * grows downwards as calls are added, keeping its top where the user first saw it.
 */
export class PopupWindowSlot {
  private window: WindowLike | null = null;
  private shownFor: string | null = null;
  private shownCount = 0;
  private workArea: { x: number; y: number; width: number; height: number } | null = null;
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
    window.setAlwaysOnTop(intents.some((i) => i.alwaysOnTop), 'pop-up-menu');
    if (this.shownFor === null || !window.isVisible() || this.workArea === null) {
      // placed when it appears, on the display under the cursor; it does not jump while the user looks at it
      this.workArea = this.deps.screen.getDisplayNearestPoint(this.deps.screen.getCursorScreenPoint()).workArea;
      window.setBounds(popupBounds(this.workArea, popupStackSize(intents.length), 0));
      window.showInactive();
    } else if (intents.length !== this.shownCount) {
      window.setBounds(popupBounds(this.workArea, popupStackSize(intents.length), 0));
    }
    this.shownFor = intent.lineId;
    this.shownCount = intents.length;
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
    this.shownCount = 0;
  }

  private hide(): void {
    const window = this.window;
    this.shownFor = null;
    this.shownCount = 0;
    this.workArea = null;
    if (window === null || window.isDestroyed()) return;
    window.setAlwaysOnTop(false);
    if (window.isVisible()) window.hide();
  }
}
