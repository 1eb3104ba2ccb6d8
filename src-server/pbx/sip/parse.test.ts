import { describe, expect, it } from 'vitest';
import { createSipParser, type SipParseResult } from './parse.js';
import { silentLogger } from '../logger.js';

const parser = createSipParser(silentLogger, { maxMessageBytes: 4096, maxHeaderCount: 40 });
const parse = (text: string | Buffer): SipParseResult => parser.parse(Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8'));

const lines = (...l: string[]): string => `${l.join('\r\n')}\r\n`;

const REGISTER = lines(
  'REGISTER sip:plusphone.test SIP/2.0',
  'Via: SIP/2.0/WSS abc.invalid;branch=z9hG4bK1234',
  'Max-Forwards: 70',
  'To: <sip:05030000001@plusphone.test>',
  'From: "佐藤" <sip:05030000001@plusphone.test>;tag=from1',
  'Call-ID: call-1',
  'CSeq: 2 REGISTER',
  'Contact: <sip:x1@abc.invalid;transport=ws>;expires=600',
  'Expires: 600',
  'Content-Length: 0',
  '',
);

describe('parse: well-formed messages', () => {
  it('reads a request with everything the PBX needs', () => {
    const parsed = parse(REGISTER);
    expect(parsed.kind).toBe('request');
    if (parsed.kind !== 'request') return;
    expect(parsed).toMatchObject({
      method: 'REGISTER',
      requestUri: 'sip:plusphone.test',
      branch: 'z9hG4bK1234',
      sentBy: 'abc.invalid',
      callId: 'call-1',
      cseq: 2,
      cseqMethod: 'REGISTER',
      fromTag: 'from1',
      toTag: undefined,
      maxForwards: 70,
      contactWildcard: false,
      body: '',
    });
    expect(parsed.from.displayName).toBe('佐藤');
    expect(parsed.basis).toEqual({
      vias: ['SIP/2.0/WSS abc.invalid;branch=z9hG4bK1234'],
      from: '"佐藤" <sip:05030000001@plusphone.test>;tag=from1',
      to: '<sip:05030000001@plusphone.test>',
      callId: 'call-1',
      cseq: '2 REGISTER',
    });
    expect(parsed.header('EXPIRES')).toBe('600');
  });

  it('cuts the body at Content-Length counted in bytes, UTF-8 included', () => {
    const body = 'v=0\r\ns=日本語\r\n';
    const text =
      lines('SIP/2.0 200 OK', 'Via: SIP/2.0/WS pbx;branch=z9hG4bKa', 'From: <sip:a@b>;tag=1', 'To: <sip:c@d>;tag=2', 'Call-ID: c', 'CSeq: 1 INVITE', 'Content-Type: application/sdp', `Content-Length: ${Buffer.byteLength(body)}`, '') +
      body +
      'TRAILING JUNK';
    const parsed = parse(text);
    expect(parsed.kind).toBe('response');
    if (parsed.kind !== 'response') return;
    expect(parsed.body).toBe(body);
    expect(parsed).toMatchObject({ status: 200, reason: 'OK', cseqMethod: 'INVITE', toTag: '2', toHeader: '<sip:c@d>;tag=2' });
  });

  it('understands compact header names and folded lines', () => {
    const parsed = parse(
      lines('OPTIONS sip:plusphone.test SIP/2.0', 'v: SIP/2.0/WSS h.invalid;branch=z9hG4bKc', 'f: <sip:a@b>;tag=x', 't: <sip:c@d>', 'i: compact', 'CSeq: 7', '  OPTIONS', 'l: 0', ''),
    );
    expect(parsed).toMatchObject({ kind: 'request', method: 'OPTIONS', callId: 'compact', cseq: 7, cseqMethod: 'OPTIONS' });
  });

  it('keeps every one of repeated headers', () => {
    const parsed = parse(
      lines('SIP/2.0 401 Unauthorized', 'Via: SIP/2.0/WS p;branch=z9hG4bKd', 'From: <sip:a@b>;tag=1', 'To: <sip:a@b>;tag=2', 'Call-ID: x', 'CSeq: 1 REGISTER', 'WWW-Authenticate: Digest a=1', 'WWW-Authenticate: Digest a=2', ''),
    );
    expect(parsed.kind === 'response' && parsed.headers('www-authenticate')).toEqual(['Digest a=1', 'Digest a=2']);
  });

  it('recognises Contact: * for REGISTER', () => {
    const parsed = parse(REGISTER.replace('Contact: <sip:x1@abc.invalid;transport=ws>;expires=600', 'Contact: *'));
    expect(parsed.kind === 'request' && parsed.contactWildcard).toBe(true);
  });

  it('answers CRLF keep-alives', () => {
    expect(parse('\r\n\r\n')).toEqual({ kind: 'keepalive', wantsPong: true });
    expect(parse('\r\n')).toEqual({ kind: 'keepalive', wantsPong: false });
  });
});

describe('parse: hostile input never throws', () => {
  const replyStatus = (result: SipParseResult): number | undefined => (result.kind === 'invalid' ? result.reply?.status : undefined);

  it.each([
    ['empty', ''],
    ['garbage', 'hello world'],
    ['binary', Buffer.from([0, 1, 2, 255, 254, 13, 10, 13, 10])],
    ['only a start line', 'INVITE sip:a@b SIP/2.0\r\n'],
    ['response with a broken CSeq (SIP.js throws on it)', lines('SIP/2.0 200 OK', 'CSeq: nonsense', '')],
    ['status out of range', lines('SIP/2.0 999 X', 'Via: SIP/2.0/WS p;branch=z9hG4bKd', 'From: <sip:a@b>;tag=1', 'To: <sip:a@b>', 'Call-ID: x', 'CSeq: 1 INVITE', '')],
    ['NUL in headers', 'OPTIONS sip:a SIP/2.0\r\nVia: \u0000\r\n\r\n'],
  ])('%s → invalid, no reply', (_name, input) => {
    const result = parse(input);
    expect(result.kind).toBe('invalid');
    expect(replyStatus(result)).toBeUndefined();
  });

  it.each([
    ['From without tag', REGISTER.replace(';tag=from1', '')],
    ['CSeq method differs', REGISTER.replace('CSeq: 2 REGISTER', 'CSeq: 2 INVITE')],
    ['bad Content-Length', REGISTER.replace('Content-Length: 0', 'Content-Length: -5')],
    ['body shorter than Content-Length', REGISTER.replace('Content-Length: 0', 'Content-Length: 50')],
    ['unparsable Via', REGISTER.replace('Via: SIP/2.0/WSS abc.invalid;branch=z9hG4bK1234', 'Via: what is this')],
    ['Via without branch', REGISTER.replace(';branch=z9hG4bK1234', '')],
    ['header line without colon', REGISTER.replace('Expires: 600', 'Expires 600')],
    ['too many headers', REGISTER.replace('Expires: 600\r\n', 'X-Y: z\r\n'.repeat(50))],
    ['negative Max-Forwards', REGISTER.replace('Max-Forwards: 70', 'Max-Forwards: -1')],
  ])('%s → 400 when the request can be answered', (_name, input) => {
    expect(replyStatus(parse(input))).toBe(400);
  });

  it('an oversized request gets 513', () => {
    expect(replyStatus(parse(REGISTER.replace('Content-Length: 0\r\n', `X-Big: ${'a'.repeat(5000)}\r\nContent-Length: 0\r\n`)))).toBe(513);
  });

  it('never answers an ACK, even a broken one', () => {
    expect(replyStatus(parse(REGISTER.replace('REGISTER sip:', 'ACK sip:').replace(';tag=from1', '')))).toBeUndefined();
  });

  it('survives a mutation fuzz of a valid message', () => {
    let seed = 42;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const base = Buffer.from(REGISTER);
    const kinds = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      const mutated = Buffer.from(base);
      const edits = 1 + random(8);
      for (let e = 0; e < edits; e++) mutated[random(mutated.length)] = random(256);
      const cut = random(4) === 0 ? mutated.subarray(0, random(mutated.length)) : mutated;
      const result = parse(cut);
      kinds.add(result.kind);
    }
    expect(kinds.has('invalid')).toBe(true);
    expect(kinds.has('request')).toBe(true);
  });
});
