import { Grammar, type NameAddrHeader } from 'sip.js';
import { normalizeDialString, toNationalDigits } from '../../../src-shared/domain/phone-number.js';

/** Who is on the other end (or which number was called), as the UI shows it. */
export interface PartyIdentity {
  /** digits (national form), an extension, or a feature code with * and # */
  number: string;
  name: string;
}

const MAX_NAME_LENGTH = 64;
const MAX_NUMBER_LENGTH = 32;

/**
 * Display names come from the network and are hostile: drop control and bidi-override
 * characters (which can make a number read backwards), collapse whitespace, cap the length.
 */
export function sanitizeDisplayName(raw: string | undefined): string {
  if (!raw) return '';
  return raw
    .replace(/[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_NAME_LENGTH);
}

/** The user part of a SIP URI as a dialable number: `%23` decoded, `+81…` made national. */
export function numberFromUserPart(user: string | undefined): string {
  if (!user) return '';
  let decoded = user;
  try {
    decoded = decodeURIComponent(user);
  } catch {
    // a malformed escape: keep the raw text, the filter below removes what is not dialable
  }
  const dialable = normalizeDialString(decoded.split(';')[0] ?? '');
  const national = dialable.startsWith('+81') ? toNationalDigits(dialable) : dialable;
  return national.slice(0, MAX_NUMBER_LENGTH);
}

export function identityFromNameAddr(header: NameAddrHeader | undefined): PartyIdentity {
  if (!header) return { number: '', name: '' };
  return { number: numberFromUserPart(header.uri.user), name: sanitizeDisplayName(header.displayName) };
}

/**
 * A name-addr header value (P-Called-Party-ID, P-Asserted-Identity):
 * `"営業部" <sip:0355550200@plusphone.test>`. Also accepts a tel: URI. Null when absent or unparseable.
 */
export function parsePartyHeader(value: string | undefined): PartyIdentity | null {
  if (!value) return null;
  const text = value.slice(0, 1024);
  const parsed = Grammar.nameAddrHeaderParse(text);
  if (parsed) return identityFromNameAddr(parsed);
  const tel = /<?tel:([^;>\s]+)/i.exec(text);
  if (!tel) return null;
  const name = /^\s*"((?:[^"\\]|\\.)*)"/.exec(text)?.[1];
  return { number: numberFromUserPart(tel[1]), name: sanitizeDisplayName(name) };
}
