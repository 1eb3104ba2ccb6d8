/**
 * SIP message parsing (RFC 3261 §7, RFC 7118 framing: one message per WebSocket message).
 *
 * We frame the message ourselves (header block, unfolding, byte-exact Content-Length body, size
 * and header-count limits) and then hand the header text to SIP.js's grammar. Nothing here throws:
 * every input ends as a request, a response, a keep-alive, or `invalid` with what we could salvage
 * to answer 400.
 */
import { Core, type NameAddrHeader, type URI } from 'sip.js';
import { canonicalHeaderName } from './headers.js';
import { type ResponseBasis, type SipRequest, type SipResponse } from './message.js';
import { describeError, type PbxLogger } from '../logger.js';

export interface SipParseLimits {
  maxMessageBytes: number;
  maxHeaderCount: number;
}

export const DEFAULT_PARSE_LIMITS: SipParseLimits = { maxMessageBytes: 64 * 1024, maxHeaderCount: 128 };

export type SipParseResult =
  | SipRequest
  | SipResponse
  /** RFC 5626 §3.5.1 CRLF keep-alive: a double CRLF ping wants a single CRLF pong */
  | { kind: 'keepalive'; wantsPong: boolean }
  | {
      kind: 'invalid';
      reason: string;
      /** present when the input looked like a request with enough headers to answer it */
      reply?: { status: 400 | 513; basis: ResponseBasis; method: string };
    };

export interface SipParser {
  parse(data: Buffer): SipParseResult;
}

const CRLF2 = Buffer.from('\r\n\r\n');

interface Framed {
  startLine: string;
  headerLines: string[];
  rawHeaders: Array<[string, string]>;
  body: Buffer;
  contactWildcard: boolean;
}

export function createSipParser(logger: PbxLogger, limits: SipParseLimits = DEFAULT_PARSE_LIMITS): SipParser {
  // SIP.js wants its own Logger class; route what it says to our debug log.
  const loggerFactory = new Core.LoggerFactory();
  loggerFactory.builtinEnabled = false;
  loggerFactory.connector = (level, _category, _label, content) => logger.debug(`sip parser ${level}: ${String(content)}`);
  const sipJsLogger = loggerFactory.getLogger('pbx.parser');

  function parse(data: Buffer): SipParseResult {
    if (data.length > limits.maxMessageBytes) {
      const salvaged = frame(data.subarray(0, Math.min(data.length, 8192)), limits, true);
      return invalid('message too large', salvaged, 513);
    }
    if (data.length > 0 && data.every((b) => b === 0x0d || b === 0x0a)) {
      return { kind: 'keepalive', wantsPong: data.length >= 4 };
    }
    const framed = frame(data, limits, false);
    if (typeof framed === 'string') return invalid(framed, frame(data, limits, true), 400);
    let message: Core.IncomingRequestMessage | Core.IncomingResponseMessage | undefined;
    try {
      // latin1 keeps one char per body byte, so SIP.js's character-based Content-Length cut is byte-exact
      const text = `${framed.startLine}\r\n${framed.headerLines.join('\r\n')}\r\n\r\n${framed.body.toString('latin1')}`;
      message = Core.Parser.parseMessage(text, sipJsLogger);
    } catch (error) {
      return invalid(`grammar: ${describeError(error)}`, framed, 400);
    }
    if (!message) return invalid('grammar rejected the message', framed, 400);
    const body = framed.body.toString('utf8');
    if (message instanceof Core.IncomingRequestMessage) return toRequest(message, framed, body);
    return toResponse(message, framed, body);
  }

  return { parse };
}

function invalid(reason: string, framed: Framed | string, status: 400 | 513): SipParseResult {
  if (typeof framed === 'string') return { kind: 'invalid', reason };
  const method = /^([A-Za-z]+)\s+\S+\s+SIP\/2\.0$/i.exec(framed.startLine)?.[1]?.toUpperCase();
  const basis = basisOf(framed.rawHeaders);
  // Never answer ACK (RFC 3261 §17.1.1.3) or anything that is not a request.
  if (!method || method === 'ACK' || !basis) return { kind: 'invalid', reason };
  return { kind: 'invalid', reason, reply: { status, basis, method } };
}

/** Split the header block from the body and unfold header lines. Returns a reason when it can't. */
function frame(data: Buffer, limits: SipParseLimits, lenient: boolean): Framed | string {
  let end = data.indexOf(CRLF2);
  if (end < 0) {
    if (!lenient) return 'no end of headers';
    end = data.length;
  }
  const head = data.subarray(0, end).toString('utf8');
  if (head.includes('\0')) return 'NUL in headers';
  const lines = head.split('\r\n');
  const startLine = (lines.shift() ?? '').trim();
  const headerLines: string[] = [];
  for (const line of lines) {
    if (/^[ \t]/.test(line) && headerLines.length > 0) {
      headerLines[headerLines.length - 1] += ` ${line.trim()}`; // RFC 3261 §7.3.1 folding
    } else {
      headerLines.push(line);
    }
  }
  if (headerLines.length > limits.maxHeaderCount) {
    if (!lenient) return 'too many headers';
    headerLines.length = limits.maxHeaderCount; // salvage what is needed to answer 400
  }
  const rawHeaders: Array<[string, string]> = [];
  const keptLines: string[] = [];
  let contactWildcard = false;
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    if (colon <= 0) {
      if (lenient) continue;
      return 'header line without a name';
    }
    const name = canonicalHeaderName(line.slice(0, colon));
    const value = line.slice(colon + 1).trim();
    rawHeaders.push([name, value]);
    // SIP.js's Contact grammar has no wildcard: keep it out of the grammar and remember it.
    if (name === 'contact' && value === '*') {
      contactWildcard = true;
      continue;
    }
    keptLines.push(line);
  }
  const rest = data.subarray(Math.min(data.length, end + CRLF2.length));
  const contentLength = rawHeaders.find(([name]) => name === 'content-length')?.[1];
  let body = rest;
  if (contentLength !== undefined) {
    const length = /^\d{1,9}$/.test(contentLength) ? Number(contentLength) : undefined;
    if (length === undefined) {
      if (!lenient) return 'bad Content-Length';
    } else if (length > rest.length) {
      if (!lenient) return 'body shorter than Content-Length';
    } else {
      body = rest.subarray(0, length); // RFC 3261 §18.3: extra bytes are discarded
    }
  }
  return { startLine, headerLines: keptLines, rawHeaders, body, contactWildcard };
}

function basisOf(rawHeaders: ReadonlyArray<[string, string]>): ResponseBasis | undefined {
  const all = (name: string): string[] => rawHeaders.filter(([n]) => n === name).map(([, v]) => v);
  // Comma-separated Vias in one header are several Vias; keep them as one value, order preserved.
  const vias = all('via');
  const from = all('from')[0];
  const to = all('to')[0];
  const callId = all('call-id')[0];
  const cseq = all('cseq')[0];
  if (vias.length === 0 || !from || !to || !callId || !cseq) return undefined;
  return { vias, from, to, callId, cseq };
}

interface ParsedCSeq {
  value: number;
  method: string;
}

function commonFields(
  message: Core.IncomingRequestMessage | Core.IncomingResponseMessage,
  framed: Framed,
  body: string,
): { ok: true; value: Omit<SipResponse, 'kind' | 'status' | 'reason' | 'toHeader' | 'message'> } | { ok: false; reason: string } {
  const cseq = message.parseHeader('cseq') as ParsedCSeq | undefined;
  const via = message.parseHeader('via') as { branch?: unknown } | undefined;
  const from = message.from as NameAddrHeader | undefined;
  const to = message.to as NameAddrHeader | undefined;
  if (!cseq || typeof cseq.value !== 'number' || !Number.isSafeInteger(cseq.value) || cseq.value < 0 || cseq.value >= 2 ** 31) {
    return { ok: false, reason: 'missing or bad CSeq' };
  }
  if (!via) return { ok: false, reason: 'missing Via' };
  if (typeof via.branch !== 'string' || via.branch.length === 0) return { ok: false, reason: 'Via without branch' };
  if (!from || !to) return { ok: false, reason: 'missing From or To' };
  if (!message.callId) return { ok: false, reason: 'missing Call-ID' };
  const toTag = message.toTag ? String(message.toTag) : undefined;
  const fromTag = message.fromTag ? String(message.fromTag) : undefined;
  return {
    ok: true,
    value: {
      callId: message.callId,
      cseq: cseq.value,
      cseqMethod: String(cseq.method).toUpperCase(),
      branch: via.branch,
      fromTag,
      toTag,
      from,
      to,
      body,
      contentType: message.getHeader('content-type'),
      // From our own framing: SIP.js keeps only the last of some repeated headers (WWW-Authenticate).
      header: (name) => rawValues(framed.rawHeaders, name)[0],
      headers: (name) => rawValues(framed.rawHeaders, name),
    },
  };
}

function rawValues(rawHeaders: ReadonlyArray<[string, string]>, name: string): string[] {
  const wanted = canonicalHeaderName(name);
  return rawHeaders.filter(([n]) => n === wanted).map(([, value]) => value);
}

function toRequest(message: Core.IncomingRequestMessage, framed: Framed, body: string): SipParseResult {
  const common = commonFields(message, framed, body);
  if (!common.ok) return invalid(common.reason, framed, 400);
  const method = String(message.method).toUpperCase();
  if (!/^[A-Z]{1,32}$/.test(method)) return invalid('bad method', framed, 400);
  if (common.value.cseqMethod !== method) return invalid('CSeq method differs from the request method', framed, 400);
  if (!common.value.fromTag) return invalid('From without tag', framed, 400);
  const basis = basisOf(framed.rawHeaders);
  if (!basis) return invalid('missing mandatory header', framed, 400);
  const via = message.parseHeader('via') as { host?: unknown; port?: unknown };
  const sentBy = `${String(via.host)}${via.port ? `:${String(via.port)}` : ''}`;
  const maxForwardsRaw = message.getHeader('max-forwards');
  const maxForwards = maxForwardsRaw === undefined ? undefined : Number(maxForwardsRaw);
  if (maxForwards !== undefined && (!Number.isInteger(maxForwards) || maxForwards < 0)) {
    return invalid('bad Max-Forwards', framed, 400);
  }
  const requestUri = framed.startLine.split(/\s+/)[1] ?? '';
  const uri = message.ruri as URI | undefined;
  if (!uri) return invalid('bad Request-URI', framed, 400);
  const request: SipRequest = {
    ...common.value,
    kind: 'request',
    method,
    requestUri,
    uri,
    sentBy,
    fromTag: common.value.fromTag,
    maxForwards,
    contactWildcard: framed.contactWildcard,
    basis,
    message,
  };
  return request;
}

function toResponse(message: Core.IncomingResponseMessage, framed: Framed, body: string): SipParseResult {
  const common = commonFields(message, framed, body);
  if (!common.ok) return { kind: 'invalid', reason: `response: ${common.reason}` };
  const status = Number(message.statusCode);
  if (!Number.isInteger(status) || status < 100 || status > 699) return { kind: 'invalid', reason: 'bad status code' };
  const toHeader = framed.rawHeaders.find(([name]) => name === 'to')?.[1] ?? '';
  return {
    ...common.value,
    kind: 'response',
    status,
    reason: String(message.reasonPhrase ?? ''),
    toHeader,
    message,
  };
}
