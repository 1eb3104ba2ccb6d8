/**
 * What a REFER asks for (RFC 3515 §2.1): exactly one Refer-To, a SIP URI whose user part is what
 * the transferor "dials" (URL-decoded: `%2A8` is `*8`), and for an attended transfer an embedded
 * `?Replaces=` header (RFC 3891 §4) naming the transferor's other dialog. Everything here comes
 * from the network: anything odd is refused with a reason, and the REFER gets 400.
 */
import { Grammar } from 'sip.js';
import { parseReplaces, type ParseOutcome, type ReplacesTarget } from './replaces.js';

export interface ReferTarget {
  /** the Refer-To URI's user part, URL-decoded ('' when it has none) */
  user: string;
  /** present for an attended transfer */
  replaces: ReplacesTarget | undefined;
}

const MAX_REFER_TO_LENGTH = 1024;
const MAX_USER_LENGTH = 64;

interface GrammarUri {
  scheme?: unknown;
  user?: unknown;
  headers?: unknown;
}

export function parseReferTo(values: readonly string[]): ParseOutcome<ReferTarget> {
  if (values.length !== 1) return { ok: false, reason: values.length === 0 ? 'Refer-To missing' : 'more than one Refer-To' };
  const value = (values[0] ?? '').trim();
  if (value.length === 0 || value.length > MAX_REFER_TO_LENGTH) return { ok: false, reason: 'Refer-To empty or too long' };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return { ok: false, reason: 'control character in Refer-To' };
  let parsed: unknown;
  try {
    parsed = Grammar.parse(value, 'Refer_To');
  } catch {
    parsed = -1;
  }
  const uri = parsed && typeof parsed === 'object' ? (parsed as { uri?: GrammarUri }).uri : undefined;
  if (!uri) return { ok: false, reason: 'Refer-To does not parse' };
  const scheme = typeof uri.scheme === 'string' ? uri.scheme.toLowerCase() : '';
  if (scheme !== 'sip' && scheme !== 'sips') return { ok: false, reason: 'Refer-To is not a SIP URI' };
  const user = typeof uri.user === 'string' ? uri.user : '';
  // eslint-disable-next-line no-control-regex
  if (user.length > MAX_USER_LENGTH || /[\u0000-\u001f\u007f]/.test(user)) return { ok: false, reason: 'Refer-To user part not acceptable' };
  const replaces = replacesHeader(uri.headers);
  if (!replaces.ok) return replaces;
  if (replaces.value === undefined) return { ok: true, value: { user, replaces: undefined } };
  const target = parseReplaces(replaces.value);
  if (!target.ok) return target;
  return { ok: true, value: { user, replaces: target.value } };
}

/** The one `Replaces` URI header, URL-decoded (header names compare case-insensitively). */
function replacesHeader(headers: unknown): ParseOutcome<string | undefined> {
  if (!headers || typeof headers !== 'object') return { ok: true, value: undefined };
  const values = Object.entries(headers as Record<string, unknown>)
    .filter(([name]) => name.toLowerCase() === 'replaces')
    .flatMap(([, v]) => (Array.isArray(v) ? v : [v]));
  if (values.length === 0) return { ok: true, value: undefined };
  if (values.length > 1 || typeof values[0] !== 'string') return { ok: false, reason: 'more than one Replaces' };
  try {
    return { ok: true, value: decodeURIComponent(values[0]) };
  } catch {
    return { ok: false, reason: 'Replaces is not URL-encoded correctly' };
  }
}
