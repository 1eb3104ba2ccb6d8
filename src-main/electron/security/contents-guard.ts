import type { HandlerDetails, WindowOpenHandlerResponse } from 'electron';
import type { CancellableEvent, NavigationEvent, WebContentsLike } from '../electron-api.js';

export interface ContentsGuardOptions {
  isOwnPage(url: string): boolean;
  /** opens a link in the user's browser when it is safe to (http/https); see ExternalLinkOpener */
  openExternal(url: string): void;
}

/**
 * Keeps a web contents on our own pages: no navigation away (links go to the browser), no
 * redirects, no new windows, no <webview>. Installed for every web contents the app creates
 * (app 'web-contents-created'), so no window can be missed. Returns the removal.
 */
export function guardWebContents(contents: WebContentsLike, options: ContentsGuardOptions): () => void {
  const onNavigate = (event: NavigationEvent): void => {
    if (isSameDocument(contents.getURL(), event.url) && options.isOwnPage(event.url)) return;
    event.preventDefault();
    // a clicked link (e.g. a CRM page) still opens, in the browser, if it is http(s)
    options.openExternal(event.url);
  };
  const onRedirect = (event: NavigationEvent): void => {
    if (!options.isOwnPage(event.url)) event.preventDefault();
  };
  const onAttachWebview = (event: CancellableEvent): void => event.preventDefault();
  const onWindowOpen = (details: HandlerDetails): WindowOpenHandlerResponse => {
    options.openExternal(details.url);
    return { action: 'deny' };
  };

  contents.on('will-navigate', onNavigate);
  contents.on('will-redirect', onRedirect);
  contents.on('will-attach-webview', onAttachWebview);
  contents.setWindowOpenHandler(onWindowOpen);

  return () => {
    if (contents.isDestroyed()) return;
    contents.removeListener('will-navigate', onNavigate);
    contents.removeListener('will-redirect', onRedirect);
    contents.removeListener('will-attach-webview', onAttachWebview);
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  };
}

/** A reload or fragment change of the current page is allowed; anything else is navigation away. */
function isSameDocument(current: string, target: string): boolean {
  const strip = (url: string): string | null => {
    try {
      const parsed = new URL(url);
      parsed.hash = '';
      return parsed.href;
    } catch {
      return null;
    }
  };
  const a = strip(current);
  return a !== null && a === strip(target);
}
