/**
 * Serializing the requests and responses the PBX sends. Header values are sanitized so no input
 * can inject a line; Content-Length is always present and counts bytes.
 */
import { sanitizeHeaderValue, withTag, type HeaderList } from './headers.js';
import { type ResponseBasis } from './message.js';
import { reasonPhrase } from './reason-phrases.js';

export const USER_AGENT = 'PlusPhone-PBX';
export const DEFAULT_MAX_FORWARDS = 70;

export interface MessageBody {
  contentType: string;
  content: string;
}

export interface ResponseSpec {
  status: number;
  reason?: string;
  /** added to To unless the request's To already has a tag (never on 100 Trying) */
  toTag?: string;
  headers?: HeaderList;
  body?: MessageBody;
}

export function serializeResponse(basis: ResponseBasis, spec: ResponseSpec): string {
  const to = spec.toTag && spec.status > 100 ? withTag(basis.to, spec.toTag) : basis.to;
  const lines = [`SIP/2.0 ${spec.status} ${sanitizeHeaderValue(spec.reason ?? reasonPhrase(spec.status))}`];
  for (const via of basis.vias) lines.push(`Via: ${via}`);
  lines.push(`From: ${basis.from}`, `To: ${to}`, `Call-ID: ${basis.callId}`, `CSeq: ${basis.cseq}`);
  pushHeaders(lines, spec.headers);
  lines.push(`Server: ${USER_AGENT}`);
  return finish(lines, spec.body);
}

export interface RequestSpec {
  method: string;
  requestUri: string;
  via: { transport: 'WS' | 'WSS'; host: string; branch: string };
  maxForwards?: number;
  /** full header values, tags included */
  from: string;
  to: string;
  callId: string;
  cseq: number;
  /** a URI: the header becomes `Contact: <uri>` */
  contact?: string;
  headers?: HeaderList;
  body?: MessageBody;
}

export function serializeRequest(spec: RequestSpec): string {
  const lines = [
    `${spec.method} ${sanitizeHeaderValue(spec.requestUri).replace(/\s+/g, '')} SIP/2.0`,
    `Via: SIP/2.0/${spec.via.transport} ${spec.via.host};branch=${spec.via.branch}`,
    `Max-Forwards: ${spec.maxForwards ?? DEFAULT_MAX_FORWARDS}`,
    `From: ${sanitizeHeaderValue(spec.from)}`,
    `To: ${sanitizeHeaderValue(spec.to)}`,
    `Call-ID: ${spec.callId}`,
    `CSeq: ${spec.cseq} ${spec.method}`,
  ];
  if (spec.contact) lines.push(`Contact: <${sanitizeHeaderValue(spec.contact)}>`);
  pushHeaders(lines, spec.headers);
  lines.push(`User-Agent: ${USER_AGENT}`);
  return finish(lines, spec.body);
}

function pushHeaders(lines: string[], headers: HeaderList | undefined): void {
  for (const [name, value] of headers ?? []) {
    if (!/^[A-Za-z0-9!%*_+`'~.-]+$/.test(name)) continue; // not a header name: never emit it
    lines.push(`${name}: ${sanitizeHeaderValue(value)}`);
  }
}

function finish(lines: string[], body: MessageBody | undefined): string {
  if (body && body.content.length > 0) {
    lines.push(`Content-Type: ${sanitizeHeaderValue(body.contentType)}`);
    lines.push(`Content-Length: ${Buffer.byteLength(body.content, 'utf8')}`);
    return `${lines.join('\r\n')}\r\n\r\n${body.content}`;
  }
  lines.push('Content-Length: 0');
  return `${lines.join('\r\n')}\r\n\r\n`;
}
