import type { AppPages } from '../app-pages.js';
import type { IpcSenderEvent, WebContentsLike } from '../electron-api.js';
import type { WindowKind } from '../windows/window-kind.js';

export interface SenderPolicyDeps {
  pages: Pick<AppPages, 'pageKind'>;
  kindOf(contents: WebContentsLike): WindowKind | null;
}

/**
 * Is this IPC message from one of our windows, from its top frame, showing that window's own
 * page, and is that window kind allowed on this channel? Anything else (a destroyed frame, an
 * iframe, a page that navigated elsewhere, the media window calling phone methods) is refused.
 */
export function isTrustedSender(
  event: IpcSenderEvent,
  allowedKinds: readonly WindowKind[],
  deps: SenderPolicyDeps,
): boolean {
  const frame = event.senderFrame;
  if (frame === null || frame.parent !== null) return false;
  const windowKind = deps.kindOf(event.sender);
  if (windowKind === null || !allowedKinds.includes(windowKind)) return false;
  return deps.pages.pageKind(frame.url) === windowKind;
}
