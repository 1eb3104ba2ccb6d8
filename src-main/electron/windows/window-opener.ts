import type { Logger } from '../../core/logging/logger.js';
import { errorMessage } from '../../core/logging/logger.js';
import type { AppPages } from '../app-pages.js';
import type { WindowFactory, WindowLike } from '../electron-api.js';
import { windowOptions } from './window-options.js';
import type { WindowKind } from './window-kind.js';

/** Opens a window of a kind, hidden, with the secure options, on its page. */
export type WindowOpener = (kind: WindowKind) => WindowLike;

export function createWindowOpener(deps: {
  createWindow: WindowFactory;
  pages: AppPages;
  preloadPath: string;
  logger: Logger;
}): WindowOpener {
  return (kind) => {
    const window = deps.createWindow(windowOptions(kind, deps.preloadPath));
    const url = deps.pages.pageUrl(kind);
    window.loadURL(url).catch((error: unknown) => {
      deps.logger.error('window page failed to load', { kind, url, error: errorMessage(error) });
    });
    return window;
  };
}

/** A window's web contents, or null once the window is gone (reading it then would throw). */
export function liveContents(window: WindowLike | null): WindowLike['webContents'] | null {
  if (window === null || window.isDestroyed()) return null;
  const contents = window.webContents;
  return contents.isDestroyed() ? null : contents;
}
