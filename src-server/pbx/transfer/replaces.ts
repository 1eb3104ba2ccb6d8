/**
 * The Replaces header value (RFC 3891 §6.1): `call-id;to-tag=…;from-tag=…[;early-only]`, here as
 * it arrives URL-decoded from a Refer-To URI. Parsed with SIP.js's grammar; anything else is
 * refused with a reason (the REFER then gets 400).
 */
import { Grammar } from 'sip.js';

export interface ReplacesTarget {
  callId: string;
  /** the tag of the side that receives the INVITE with Replaces: the PBX's own tag (RFC 3891 §3) */
  toTag: string;
  /** the tag of the side that sends it: the transferor's tag in that dialog */
  fromTag: string;
  /** replace only an early dialog (RFC 3891 §3: a confirmed one then gets 486) */
  earlyOnly: boolean;
}

export type ParseOutcome<T> = { ok: true; value: T } | { ok: false; reason: string };

const MAX_REPLACES_LENGTH = 512;

interface GrammarReplaces {
  call_id?: unknown;
  replaces_to_tag?: unknown;
  replaces_from_tag?: unknown;
  early_only?: unknown;
}

export function parseReplaces(value: string): ParseOutcome<ReplacesTarget> {
  if (value.length === 0 || value.length > MAX_REPLACES_LENGTH) return { ok: false, reason: 'Replaces empty or too long' };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return { ok: false, reason: 'control character in Replaces' };
  let parsed: unknown;
  try {
    parsed = Grammar.parse(value, 'Replaces');
  } catch {
    parsed = -1;
  }
  if (!parsed || typeof parsed !== 'object') return { ok: false, reason: 'Replaces does not parse' };
  const { call_id: callId, replaces_to_tag: toTag, replaces_from_tag: fromTag, early_only: earlyOnly } = parsed as GrammarReplaces;
  if (typeof callId !== 'string' || callId.length === 0) return { ok: false, reason: 'Replaces without a Call-ID' };
  // RFC 3891 §6.1: exactly one to-tag and one from-tag (the grammar keeps the last of repeats).
  if (typeof toTag !== 'string' || typeof fromTag !== 'string' || toTag === '' || fromTag === '') {
    return { ok: false, reason: 'Replaces needs to-tag and from-tag' };
  }
  if (countParams(value, 'to-tag') !== 1 || countParams(value, 'from-tag') !== 1) {
    return { ok: false, reason: 'Replaces with repeated tags' };
  }
  return { ok: true, value: { callId, toTag, fromTag, earlyOnly: earlyOnly === true } };
}

function countParams(value: string, name: string): number {
  return value.split(';').filter((part) => part.split('=')[0]?.trim().toLowerCase() === name).length;
}
