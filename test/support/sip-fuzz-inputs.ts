/**
 * Hostile SIP for the fuzz test: valid requests taken apart in seeded, reproducible ways —
 * start lines, headers, Content-Length, bytes that are not UTF-8.
 */
import { DOMAIN, type RawSipClient } from './raw-sip-client.js';
import { type SeededRandom } from './seeded-random.js';

export const FUZZ_TARGET_USER = '05030000001';

let serial = 0;

/** A well-formed request of `method` from `client` with a fresh Call-ID, as header lines and body. */
export function validRequest(client: RawSipClient, method: string, body = ''): { lines: string[]; body: string; callId: string } {
  const callId = `fuzz-${++serial}-${method}@x.invalid`;
  const text = client.buildRequest({
    method,
    requestUri: method === 'REGISTER' ? `sip:${DOMAIN}` : `sip:202@${DOMAIN}`,
    from: `"Fuzz" <sip:${FUZZ_TARGET_USER}@${DOMAIN}>;tag=f${serial}`,
    to: method === 'BYE' || method === 'INFO' ? `<sip:202@${DOMAIN}>;tag=t${serial}` : `<sip:202@${DOMAIN}>`,
    callId,
    cseq: 1 + (serial % 1000),
    withContact: method === 'REGISTER' || method === 'INVITE',
    body,
    headers: method === 'REGISTER' ? ['Expires: 600'] : [],
  }).text;
  const [head, ...rest] = text.split('\r\n\r\n');
  return { lines: (head ?? '').split('\r\n'), body: rest.join('\r\n\r\n'), callId };
}

export function join(lines: string[], body: string): string {
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

const SDP = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=rtpmap:111 opus/48000/2\r\n';
const METHODS = ['REGISTER', 'INVITE', 'OPTIONS', 'BYE', 'CANCEL', 'ACK', 'INFO', 'SUBSCRIBE', 'REFER'];

function template(client: RawSipClient, random: SeededRandom): { lines: string[]; body: string; callId: string } {
  const method = random.pick(METHODS);
  return validRequest(client, method, method === 'INVITE' ? SDP : '');
}

const JUNK_ALPHABETS = [
  ' \t;:,<>"@=\\/%',
  '\u0001\u0002\u0007\u001b\u007f',
  'あいう漢字ｶﾀｶﾅ😀\u200b\ufeff',
  'abcdefghijklmnopqrstuvwxyz0123456789',
];

function junk(random: SeededRandom, max = 200): string {
  return random.text(random.between(0, max), random.pick(JUNK_ALPHABETS));
}

/** A request whose start line is broken in one of many ways (headers stay valid). */
export function malformedStartLine(client: RawSipClient, random: SeededRandom): string {
  const { lines, body } = template(client, random);
  const [method = 'OPTIONS', uri = 'sip:x', version = 'SIP/2.0'] = (lines[0] ?? '').split(' ');
  const variants = [
    () => method,
    () => `${method} ${uri}`,
    () => `${method} ${uri} SIP/3.0`,
    () => `${method} ${uri} HTTP/1.1`,
    () => `${method}  ${uri}  ${version}`,
    () => `${method.toLowerCase()} ${uri} ${version}`,
    () => `${method} <${uri}> ${version}`,
    () => `${method} sip:${'a'.repeat(random.between(100, 20_000))}@${DOMAIN} ${version}`,
    () => `${method} ${uri} ${version} trailing`,
    () => `\t${method} ${uri} ${version}`,
    () => `${method}${junk(random, 10)} ${uri} ${version}`,
    () => `${'X'.repeat(random.between(33, 200))} ${uri} ${version}`,
    () => `${method} ${junk(random, 40)} ${version}`,
    () => `${method} tel:+81355550100 ${version}`,
    () => `${method} sip: ${version}`,
    () => `SIP/2.0 ${random.between(0, 999_999)} ${junk(random, 20)}`,
    () => `SIP/2.0 200`,
    () => `GET /sip HTTP/1.1`,
    () => '',
    () => junk(random, 80),
  ];
  lines[0] = random.pick(variants)();
  return join(lines, body);
}

/** Below the PBX's 64 KiB frame limit, so the message reaches the parser (bigger ones are tested apart). */
const MAX_FUZZ_BYTES = 60 * 1024;

/** A request with one to three broken, duplicated, missing or absurd headers. */
export function malformedHeaders(client: RawSipClient, random: SeededRandom): string {
  for (;;) {
    const text = mutateHeaders(client, random);
    if (Buffer.byteLength(text) <= MAX_FUZZ_BYTES) return text;
  }
}

function mutateHeaders(client: RawSipClient, random: SeededRandom): string {
  const { lines, body } = template(client, random);
  const header = (): number => random.between(1, Math.max(1, lines.length - 1));
  const nameOf = (index: number): string => (lines[index] ?? '').split(':')[0] ?? 'X';
  const mutations: Array<() => void> = [
    () => lines.splice(header(), 1),
    () => {
      const i = header();
      lines.splice(i, 0, lines[i] ?? '');
    },
    () => {
      const i = header();
      lines[i] = `${nameOf(i)}: ${junk(random)}`;
    },
    () => {
      const i = header();
      lines[i] = `${nameOf(i)}:`;
    },
    () => {
      const i = header();
      lines[i] = (lines[i] ?? '').replace(':', '');
    },
    () => lines.splice(header() + 1, 0, ` ${junk(random, 40)}`),
    () => {
      const i = header();
      lines[i] = `${nameOf(i)}: ${'v'.repeat(random.between(1000, 50_000))}`;
    },
    () => lines.push(...Array.from({ length: random.between(100, 400) }, (_, n) => `X-Filler-${n}: ${n}`)),
    () => lines.push(`${junk(random, 20)}: ${junk(random, 20)}`),
    () => lines.push(`${random.pick(['Via', 'From', 'To', 'Call-ID', 'CSeq', 'Contact', 'Max-Forwards', 'Expires', 'Require', 'Route', 'Record-Route'])}: ${junk(random)}`),
    () => {
      const i = lines.findIndex((l) => l.startsWith('Via:'));
      if (i > 0) lines[i] = random.pick(['Via: SIP/2.0/WSS a.invalid', 'Via: SIP/2.0/WSS', 'Via: garbage', 'Via: SIP/2.0/WSS a.invalid;branch=', 'Via: SIP/2.0/WSS :0;branch=z9hG4bK1']);
    },
    () => {
      const i = lines.findIndex((l) => l.startsWith('CSeq:'));
      if (i > 0) lines[i] = `CSeq: ${random.pick(['x', '-1 OPTIONS', '99999999999 OPTIONS', '1 OTHER', '1', '', '4294967296 INVITE', '1.5 INVITE'])}`;
    },
    () => lines.push(`Max-Forwards: ${random.pick(['-1', 'abc', '0', '99999999999', ''])}`),
    () => lines.push(`Require: ${random.pick(['100rel', 'timer, replaces', junk(random, 30)])}`),
    () => lines.push(`${random.pick(['Authorization', 'Proxy-Authorization'])}: ${digestSoup(random)}`),
    () => lines.push(`Contact: ${random.pick(['*', '<junk>', '<sip:a@b>;expires=-1', Array.from({ length: 20 }, (_, n) => `<sip:c${n}@x.invalid>`).join(', '), junk(random)])}`),
    () => lines.push(`Content-Type: ${junk(random, 40)}`),
    () => lines.push(`Expires: ${random.pick(['-5', '0', '4294967296', 'soon', ''])}`),
    () => lines.push('Route: <sip:elsewhere.invalid;lr>'),
  ];
  for (let n = random.between(1, 3); n > 0; n--) random.pick(mutations)();
  return join(lines, body);
}

/** Authorization values that look like digest but are not. */
export function digestSoup(random: SeededRandom): string {
  const params = ['username', 'realm', 'nonce', 'uri', 'response', 'algorithm', 'qop', 'nc', 'cnonce', 'opaque'];
  const parts = Array.from({ length: random.between(0, 12) }, () => {
    const key = random.chance(0.8) ? random.pick(params) : junk(random, 8);
    const value = random.pick([`"${junk(random, 30)}"`, junk(random, 20), `"unterminated`, `""`, 'MD5', 'SHA-512', `"${'n'.repeat(5000)}"`]);
    return `${key}=${value}`;
  });
  return `${random.pick(['Digest ', 'digest ', 'Basic ', 'Digest', ''])}${parts.join(random.pick([', ', ',', ' ', ',,']))}`;
}

/** An OPTIONS whose Content-Length is larger (`'bigger'`) or smaller than its body. */
export function lyingContentLength(client: RawSipClient, random: SeededRandom, lie: 'bigger' | 'smaller'): { text: string; callId: string } {
  const body = random.text(random.between(10, 400));
  const { lines, callId } = validRequest(client, 'OPTIONS', body);
  const i = lines.findIndex((l) => l.startsWith('Content-Length:'));
  const length = lie === 'bigger' ? body.length + random.between(1, 100_000) : random.between(0, body.length - 1);
  lines[i] = `Content-Length: ${length}`;
  return { text: join(lines, body), callId };
}

/** A request with bytes that are not UTF-8 in a header and in the body. */
export function invalidUtf8(client: RawSipClient, random: SeededRandom): Buffer {
  const bad = (): Buffer => Buffer.from(random.pick([[0xff], [0xfe, 0xff], [0xc3, 0x28], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xed, 0xa0, 0x80], [0x80, 0x80]]));
  const { lines, body } = template(client, random);
  const i = random.between(0, lines.length - 1);
  const line = lines[i] ?? '';
  const cut = random.between(0, line.length);
  const head = Buffer.concat([Buffer.from(lines.slice(0, i).map((l) => `${l}\r\n`).join('')), Buffer.from(line.slice(0, cut)), bad(), Buffer.from(line.slice(cut)), Buffer.from(`\r\n${lines.slice(i + 1).join('\r\n')}`)]);
  return Buffer.concat([head, Buffer.from('\r\n\r\n'), Buffer.from(body), random.chance(0.5) ? bad() : Buffer.alloc(0)]);
}

/** A method name that is no SIP method we know. */
export function unknownMethod(random: SeededRandom): string {
  const known = new Set([...METHODS, 'NOTIFY', 'PUBLISH', 'MESSAGE', 'UPDATE', 'PRACK']);
  for (;;) {
    const name = random.text(random.between(3, 12), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ');
    if (!known.has(name)) return name;
  }
}
