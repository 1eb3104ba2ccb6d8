import { UserAgent, type URI } from 'sip.js';
import { ContractFailure } from '../../../src-shared/contract/result.js';
import { normalizeDialString, toNationalDigits } from '../../../src-shared/domain/phone-number.js';
import { numberFromUserPart } from '../sip/party-identity.js';

export interface DialTarget {
  /** Request-URI of the INVITE */
  uri: URI;
  /** what the line shows as the other party: digits, an extension or a feature code */
  remoteNumber: string;
}

/**
 * What the user typed (already checked by the contract: digits, * # + - spaces, full-width
 * forms, or a sip:/tel: URI) → the INVITE's Request-URI in our SIP domain.
 * `03-5555-0200` → sip:0355550200@domain, `+81 3…` → national digits, `*71` stays, `#` is escaped.
 */
export function resolveDialTarget(target: string, domain: string): DialTarget {
  const trimmed = target.trim();
  if (/^sips?:/i.test(trimmed)) {
    const uri = UserAgent.makeURI(trimmed);
    if (!uri || !uri.user) throw new ContractFailure('invalid-argument', '発信先のSIPアドレスが正しくありません');
    return { uri, remoteNumber: numberFromUserPart(uri.user) || uri.user.slice(0, 32) };
  }
  const withoutScheme = trimmed.replace(/^tel:/i, '').split(';')[0] ?? '';
  const dialable = normalizeDialString(withoutScheme);
  const number = dialable.startsWith('+81') ? toNationalDigits(dialable) : dialable;
  if (!/^\+?[0-9*#]+$/.test(number)) throw new ContractFailure('invalid-argument', '発信先を入力してください');
  const uri = UserAgent.makeURI(`sip:${encodeUserPart(number)}@${domain}`);
  if (!uri) throw new ContractFailure('invalid-argument', '発信先が正しくありません');
  return { uri, remoteNumber: number };
}

/** `#` would start a URI fragment: escape it (RFC 3261 user part allows `*` and `+`). */
function encodeUserPart(number: string): string {
  return number.replace(/#/g, '%23');
}
