import type { Logger } from '../../core/logging/logger.js';
import type { ShellLike } from '../electron-api.js';

const MAX_EXTERNAL_URL_LENGTH = 2048;

/**
 * The URL to hand to the OS browser, or null when it must not leave the app: only http and
 * https (never file:, javascript:, custom schemes that launch programs, or smb: that leaks
 * credentials), no embedded user:password, and of a sane length.
 */
export function safeExternalUrl(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_EXTERNAL_URL_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password || url.hostname === '') return null;
  return url.href;
}

/** Opens http(s) links in the user's browser; anything else is refused and logged. */
export class ExternalLinkOpener {
  constructor(
    private readonly shell: ShellLike,
    private readonly logger: Logger,
  ) {}

  open(raw: unknown): boolean {
    const url = safeExternalUrl(raw);
    if (url === null) {
      this.logger.warn('refused to open a link outside the app', { url: String(raw).slice(0, 200) });
      return false;
    }
    this.shell.openExternal(url).catch((error: unknown) => {
      this.logger.warn('could not open a link in the browser', { url, error: String(error) });
    });
    return true;
  }
}
