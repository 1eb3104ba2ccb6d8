import type {
  PermissionCheckDetails,
  PermissionCheckHandler,
  PermissionRequestDetails,
  PermissionRequestHandler,
  SessionLike,
} from '../electron-api.js';

/**
 * The one permission the app has: the microphone ('media' with audio only), for our own pages
 * in their top frame. Camera, screen capture, notifications, geolocation, HID/USB/serial and
 * the rest are refused, both when a page asks (request) and when it probes (check).
 */
export function isPermissionRequestAllowed(
  permission: string,
  details: PermissionRequestDetails,
  isOwnPage: (url: string) => boolean,
): boolean {
  if (permission !== 'media' || !details.isMainFrame || !isOwnPage(details.requestingUrl)) return false;
  const types = details.mediaTypes ?? [];
  return types.length > 0 && types.every((type) => type === 'audio');
}

export function isPermissionCheckAllowed(
  permission: string,
  pageUrl: string | null,
  details: PermissionCheckDetails,
  isOwnPage: (url: string) => boolean,
): boolean {
  if (permission !== 'media' || details.mediaType !== 'audio' || !details.isMainFrame) return false;
  return pageUrl !== null && isOwnPage(pageUrl);
}

/**
 * Installs the policy on a session. The returned function leaves a deny-everything policy in
 * place, never Electron's default (which grants every permission).
 */
export function installPermissionPolicy(session: SessionLike, isOwnPage: (url: string) => boolean): () => void {
  const onRequest: PermissionRequestHandler = (_contents, permission, callback, details) => {
    callback(isPermissionRequestAllowed(permission, details, isOwnPage));
  };
  const onCheck: PermissionCheckHandler = (contents, permission, _origin, details) => {
    // file:// pages report the opaque origin "file:///", so judge by the page URL itself
    const pageUrl = details.requestingUrl ?? (contents && !contents.isDestroyed() ? contents.getURL() : null);
    return isPermissionCheckAllowed(permission, pageUrl, details, isOwnPage);
  };
  session.setPermissionRequestHandler(onRequest);
  session.setPermissionCheckHandler(onCheck);
  return () => {
    session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    session.setPermissionCheckHandler(() => false);
  };
}
