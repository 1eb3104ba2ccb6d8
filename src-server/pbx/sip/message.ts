/** The SIP messages the PBX works with, after parsing and validation. */
import { type Core, type NameAddrHeader, type URI } from 'sip.js';

/** What a response must copy from its request (RFC 3261 §8.2.6.2), as the raw header values. */
export interface ResponseBasis {
  vias: readonly string[];
  from: string;
  to: string;
  callId: string;
  cseq: string;
}

interface MessageCommon {
  readonly callId: string;
  readonly cseq: number;
  readonly cseqMethod: string;
  readonly branch: string;
  readonly fromTag: string | undefined;
  readonly toTag: string | undefined;
  readonly from: NameAddrHeader;
  readonly to: NameAddrHeader;
  /** decoded as UTF-8 from exactly Content-Length bytes */
  readonly body: string;
  readonly contentType: string | undefined;
  /** raw header values in message order (compact names understood); one entry per header line */
  header(name: string): string | undefined;
  headers(name: string): string[];
}

export interface SipRequest extends MessageCommon {
  readonly kind: 'request';
  readonly method: string;
  /** the Request-URI exactly as it was on the request line */
  readonly requestUri: string;
  readonly uri: URI;
  /** `host[:port]` of the top Via: with the branch it identifies a server transaction */
  readonly sentBy: string;
  readonly fromTag: string;
  readonly maxForwards: number | undefined;
  /** `Contact: *` (only meaningful in REGISTER) */
  readonly contactWildcard: boolean;
  readonly basis: ResponseBasis;
  readonly message: Core.IncomingRequestMessage;
}

export interface SipResponse extends MessageCommon {
  readonly kind: 'response';
  readonly status: number;
  readonly reason: string;
  /** the raw To value, with the remote tag: becomes the dialog's remote party */
  readonly toHeader: string;
  readonly message: Core.IncomingResponseMessage;
}

/** The request-URI or Contact URI of a name-addr / Contact header, as text. */
export function contactUriOf(message: Core.IncomingRequestMessage | Core.IncomingResponseMessage, index = 0): string | undefined {
  const parsed: unknown = message.parseHeader('contact', index);
  if (!parsed || typeof parsed !== 'object' || !('uri' in parsed)) return undefined;
  const uri = (parsed as { uri: unknown }).uri;
  return uri ? String(uri) : undefined;
}

export function isSdp(contentType: string | undefined, body: string): boolean {
  return body.length > 0 && !!contentType && /^application\/sdp\b/i.test(contentType.trim());
}
