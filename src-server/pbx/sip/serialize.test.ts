import { describe, expect, it } from 'vitest';
import { serializeRequest, serializeResponse } from './serialize.js';
import { createSipParser } from './parse.js';
import { formatNameAddr, quoteString, tagOf, withTag } from './headers.js';
import { silentLogger } from '../logger.js';

const parser = createSipParser(silentLogger);
const basis = {
  vias: ['SIP/2.0/WSS a.invalid;branch=z9hG4bK1', 'SIP/2.0/WSS b.invalid;branch=z9hG4bK2'],
  from: '<sip:05030000001@plusphone.test>;tag=f',
  to: '<sip:202@plusphone.test>',
  callId: 'c1',
  cseq: '1 INVITE',
};

describe('serializeResponse', () => {
  it('copies Via, From, To, Call-ID and CSeq, adds our To tag, counts body bytes', () => {
    const sdp = 'v=0\r\ns=通話\r\n';
    const text = serializeResponse(basis, { status: 200, toTag: 't1', body: { contentType: 'application/sdp', content: sdp } });
    expect(text.startsWith('SIP/2.0 200 OK\r\n')).toBe(true);
    const parsed = parser.parse(Buffer.from(text));
    expect(parsed.kind).toBe('response');
    if (parsed.kind !== 'response') return;
    expect(parsed.headers('via')).toEqual(basis.vias);
    expect(parsed.toTag).toBe('t1');
    expect(parsed.body).toBe(sdp);
    expect(parsed.header('content-length')).toBe(String(Buffer.byteLength(sdp)));
  });

  it('never adds a tag to 100 Trying, nor a second tag', () => {
    expect(serializeResponse(basis, { status: 100, toTag: 't' })).toContain('To: <sip:202@plusphone.test>\r\n');
    expect(serializeResponse({ ...basis, to: '<sip:x@y>;tag=old' }, { status: 487, toTag: 'new' })).toContain('To: <sip:x@y>;tag=old\r\n');
  });

  it('cannot be made to inject headers', () => {
    const text = serializeResponse(basis, {
      status: 403,
      reason: 'No\r\nX-Evil: 1',
      headers: [
        ['Warning', '399 x "a"\r\nX-Evil: 2'],
        ['Bad Name\r\n', 'v'],
      ],
    });
    expect(text).not.toMatch(/\r\nX-Evil/);
    expect(text).not.toContain('Bad Name');
  });
});

describe('serializeRequest', () => {
  it('writes a request the parser (SIP.js grammar) reads back', () => {
    const text = serializeRequest({
      method: 'INVITE',
      requestUri: 'sip:abc@x.invalid;transport=ws',
      via: { transport: 'WS', host: 'plusphone.test', branch: 'z9hG4bKabc' },
      from: formatNameAddr('sip:201@plusphone.test', '佐藤 "さとう"', ';tag=ft'),
      to: formatNameAddr('sip:05030000002@plusphone.test'),
      callId: 'call@plusphone.test',
      cseq: 1,
      contact: 'sip:pbx@plusphone.test;transport=ws',
      headers: [['P-Called-Party-ID', formatNameAddr('sip:202@plusphone.test', '鈴木')]],
      body: { contentType: 'application/sdp', content: 'v=0\r\n' },
    });
    const parsed = parser.parse(Buffer.from(text));
    expect(parsed.kind).toBe('request');
    if (parsed.kind !== 'request') return;
    expect(parsed).toMatchObject({ method: 'INVITE', branch: 'z9hG4bKabc', cseq: 1, fromTag: 'ft', maxForwards: 70, body: 'v=0\r\n' });
    expect(parsed.from.displayName).toBe('佐藤 \\"さとう\\"');
    expect(parsed.header('p-called-party-id')).toBe('"鈴木" <sip:202@plusphone.test>');
    expect(parsed.header('contact')).toBe('<sip:pbx@plusphone.test;transport=ws>');
  });
});

describe('header helpers', () => {
  it('quotes display names safely', () => {
    expect(quoteString('a"b\\c\r\nd')).toBe('"a\\"b\\\\cd"');
  });

  it('finds and adds tags only outside the URI', () => {
    expect(tagOf('<sip:a@b;tag=uri>;tag=hdr')).toBe('hdr');
    expect(tagOf('<sip:a@b;tag=uri>')).toBeUndefined();
    expect(tagOf('sip:a@b;tag=x')).toBe('x');
    expect(withTag('<sip:a@b>', 't')).toBe('<sip:a@b>;tag=t');
    expect(withTag('<sip:a@b>;tag=old', 't')).toBe('<sip:a@b>;tag=old');
  });
});
