/** How the PBX names itself in the SIP it sends. */
export interface PbxAddress {
  /** SIP domain and digest realm, e.g. plusphone.test */
  domain: string;
  /** Contact of the PBX in dialogs it takes part in */
  contactUri: string;
  /** sent-by of our Via headers (responses come back on the same WebSocket anyway) */
  viaHost: string;
}

export function pbxAddress(domain: string): PbxAddress {
  return { domain, contactUri: `sip:pbx@${domain};transport=ws`, viaHost: domain };
}

/** The methods the PBX takes part in (Allow header). */
export const ALLOWED_METHODS = ['INVITE', 'ACK', 'CANCEL', 'BYE', 'OPTIONS', 'REGISTER', 'INFO', 'SUBSCRIBE', 'REFER'] as const;
export const ALLOW_HEADER = ALLOWED_METHODS.join(', ');

/** Methods we know but do not (yet) support: 405, not 501 (RFC 3261 §8.2.1). */
export const KNOWN_UNSUPPORTED_METHODS: ReadonlySet<string> = new Set(['NOTIFY', 'PUBLISH', 'MESSAGE', 'UPDATE', 'PRACK']);
