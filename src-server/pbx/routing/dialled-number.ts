/**
 * What the caller dialled, from the Request-URI user part: digits, `*` and `#`, with the
 * separators people type (hyphens, spaces, dots, parentheses) removed and +81 made national.
 * Anything else is not a number we can route.
 */
import { foldWidth } from '../../../src-shared/domain/phone-number.js';

const MAX_DIAL_LENGTH = 32;

export function normalizeDialled(userPart: string): string | undefined {
  let text: string;
  try {
    text = decodeURIComponent(userPart);
  } catch {
    return undefined;
  }
  const stripped = foldWidth(text).replace(/[-\s().]/g, '');
  if (!/^\+?[0-9*#]+$/.test(stripped) || stripped.length > MAX_DIAL_LENGTH) return undefined;
  if (stripped.startsWith('+81')) return `0${stripped.slice(3)}`;
  if (stripped.startsWith('+')) return undefined; // international numbers come with the PSTN gateway
  return stripped;
}
