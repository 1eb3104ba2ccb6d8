/**
 * HTTP Digest authentication as SIP uses it (RFC 3261 §22, RFC 7616, RFC 8760): pure functions
 * for computing responses, issuing stateless nonces, parsing credentials and checking them.
 * Only qop="auth" is offered; MD5 and SHA-256 (no "-sess" variants, no userhash).
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export type DigestAlgorithm = 'MD5' | 'SHA-256';

const HASH_NAME: Record<DigestAlgorithm, string> = { MD5: 'md5', 'SHA-256': 'sha256' };

export function isDigestAlgorithm(value: string): value is DigestAlgorithm {
  return value === 'MD5' || value === 'SHA-256';
}

export function digestHash(algorithm: DigestAlgorithm, data: string): string {
  return createHash(HASH_NAME[algorithm]).update(data, 'utf8').digest('hex');
}

export interface DigestResponseInput {
  algorithm: DigestAlgorithm;
  username: string;
  realm: string;
  password: string;
  method: string;
  uri: string;
  nonce: string;
  /** with qop=auth: the 8-hex-digit nonce count and the client nonce */
  qop?: 'auth';
  nc?: string;
  cnonce?: string;
}

/** The `response` directive value (RFC 7616 §3.4.1; RFC 2069 form when qop is absent). */
export function computeDigestResponse(input: DigestResponseInput): string {
  const h = (data: string): string => digestHash(input.algorithm, data);
  const ha1 = h(`${input.username}:${input.realm}:${input.password}`);
  const ha2 = h(`${input.method}:${input.uri}`);
  if (input.qop === 'auth') {
    return h(`${ha1}:${input.nonce}:${input.nc ?? ''}:${input.cnonce ?? ''}:auth:${ha2}`);
  }
  return h(`${ha1}:${input.nonce}:${ha2}`);
}

// ---------------------------------------------------------------- nonces

/**
 * A nonce is `<issued-at ms, base36>.<random>.<mac>` where mac = HMAC-SHA256(secret, issued.random:realm).
 * The server can check it without storing it, see when it was issued (stale after the TTL), and a
 * client cannot forge or re-date one. The random part makes every challenge unique, which lets the
 * replay guard track nonce counts per nonce.
 */
const NONCE_MAC_CHARS = 32;

export function createNonceSecret(): Buffer {
  return randomBytes(32);
}

function nonceMac(secret: Buffer, payload: string, realm: string): string {
  return createHmac('sha256', secret).update(`${payload}:${realm}`).digest('base64url').slice(0, NONCE_MAC_CHARS);
}

export function issueNonce(secret: Buffer, realm: string, nowMs: number): string {
  const payload = `${Math.floor(nowMs).toString(36)}.${randomBytes(9).toString('base64url')}`;
  return `${payload}.${nonceMac(secret, payload, realm)}`;
}

export type NonceCheck =
  | { ok: true; issuedAtMs: number }
  | { ok: false; reason: 'malformed' | 'forged' | 'expired' };

/** Clock skew we tolerate for a nonce that claims to come from the future (it never should). */
const FUTURE_SKEW_MS = 5_000;

export function checkNonce(secret: Buffer, realm: string, nonce: string, nowMs: number, ttlMs: number): NonceCheck {
  const parts = nonce.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'malformed' };
  const [issued, random, mac] = parts as [string, string, string];
  if (!/^[0-9a-z]{1,12}$/.test(issued) || !/^[A-Za-z0-9_-]{1,32}$/.test(random)) {
    return { ok: false, reason: 'malformed' };
  }
  if (!constantTimeEqual(mac, nonceMac(secret, `${issued}.${random}`, realm))) return { ok: false, reason: 'forged' };
  const issuedAtMs = parseInt(issued, 36);
  if (issuedAtMs > nowMs + FUTURE_SKEW_MS) return { ok: false, reason: 'forged' };
  if (nowMs - issuedAtMs > ttlMs) return { ok: false, reason: 'expired' };
  return { ok: true, issuedAtMs };
}

export function constantTimeEqual(a: string, b: string): boolean {
  const ba = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  if (ba.length !== bb.length) return false;
  return timingSafeEqual(ba, bb);
}

// ---------------------------------------------------------------- challenges

export interface DigestChallenge {
  realm: string;
  nonce: string;
  algorithm: DigestAlgorithm;
  stale?: boolean;
}

/** The value of one WWW-Authenticate / Proxy-Authenticate header. */
export function formatChallenge(challenge: DigestChallenge): string {
  const stale = challenge.stale ? ', stale=true' : '';
  return `Digest realm="${quoteSafe(challenge.realm)}", nonce="${quoteSafe(challenge.nonce)}", algorithm=${challenge.algorithm}, qop="auth"${stale}`;
}

function quoteSafe(value: string): string {
  return value.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\r\n]/g, '');
}

// ---------------------------------------------------------------- credentials

export interface DigestCredentials {
  username: string;
  realm: string;
  nonce: string;
  uri: string;
  response: string;
  algorithm: string;
  qop: string | undefined;
  nc: string | undefined;
  cnonce: string | undefined;
  opaque: string | undefined;
}

export type CredentialsParse = { ok: true; credentials: DigestCredentials } | { ok: false; reason: string };

const MAX_CREDENTIALS_LENGTH = 4096;

/**
 * Parse an Authorization / Proxy-Authorization value: `Digest k=v, k="quoted", ...`.
 * Unknown parameters are ignored; duplicated ones make the header invalid.
 */
export function parseDigestCredentials(value: string): CredentialsParse {
  if (value.length > MAX_CREDENTIALS_LENGTH) return { ok: false, reason: 'too long' };
  const match = /^\s*Digest\s+/i.exec(value);
  if (!match) return { ok: false, reason: 'not a Digest scheme' };
  const params = parseAuthParams(value.slice(match[0].length));
  if (!params) return { ok: false, reason: 'malformed parameters' };
  const get = (key: string): string | undefined => params.get(key);
  const username = get('username');
  const realm = get('realm');
  const nonce = get('nonce');
  const uri = get('uri');
  const response = get('response');
  if (username === undefined || realm === undefined || nonce === undefined || uri === undefined || response === undefined) {
    return { ok: false, reason: 'missing required parameter' };
  }
  return {
    ok: true,
    credentials: {
      username,
      realm,
      nonce,
      uri,
      response: response.toLowerCase(),
      algorithm: get('algorithm') ?? 'MD5',
      qop: get('qop'),
      nc: get('nc'),
      cnonce: get('cnonce'),
      opaque: get('opaque'),
    },
  };
}

/** auth-param list: token "=" ( token / quoted-string ), comma separated. Keys are lower-cased. */
export function parseAuthParams(input: string): Map<string, string> | undefined {
  const params = new Map<string, string>();
  let i = 0;
  const n = input.length;
  const skipSpace = (): void => {
    while (i < n && (input[i] === ' ' || input[i] === '\t')) i++;
  };
  while (i < n) {
    skipSpace();
    const keyStart = i;
    while (i < n && /[A-Za-z0-9_.!%*+`'~-]/.test(input[i] as string)) i++;
    const key = input.slice(keyStart, i).toLowerCase();
    if (!key) return undefined;
    skipSpace();
    if (input[i] !== '=') return undefined;
    i++;
    skipSpace();
    let value = '';
    if (input[i] === '"') {
      i++;
      let closed = false;
      while (i < n) {
        const c = input[i] as string;
        if (c === '\\' && i + 1 < n) {
          value += input[i + 1];
          i += 2;
        } else if (c === '"') {
          i++;
          closed = true;
          break;
        } else {
          value += c;
          i++;
        }
      }
      if (!closed) return undefined;
    } else {
      const valueStart = i;
      while (i < n && input[i] !== ',' && input[i] !== ' ' && input[i] !== '\t') i++;
      value = input.slice(valueStart, i);
      if (!value) return undefined;
    }
    if (params.has(key)) return undefined;
    params.set(key, value);
    skipSpace();
    if (i < n) {
      if (input[i] !== ',') return undefined;
      i++;
    }
  }
  return params;
}

// ---------------------------------------------------------------- verification

export type DigestVerdict =
  | { ok: true; algorithm: DigestAlgorithm }
  /** ask again with a fresh nonce; `stale` when only the nonce's age was wrong */
  | { ok: false; reason: 'wrong-realm' | 'bad-nonce' | 'unsupported' | 'stale'; challengeAgain: true }
  /** the client knows the nonce but not the password (or sent nonsense in a valid frame) */
  | { ok: false; reason: 'wrong-response' | 'bad-qop' | 'uri-mismatch'; challengeAgain: false };

export interface DigestVerification {
  credentials: DigestCredentials;
  method: string;
  /** the Request-URI as it was on the request line; `uriMatches` decides if `credentials.uri` names it */
  uriMatches: (uri: string) => boolean;
  password: string;
  realm: string;
  secret: Buffer;
  nowMs: number;
  nonceTtlMs: number;
}

/**
 * Check credentials against the password. `stale` is only returned when the response was right
 * for the expired nonce (RFC 7616 §3.3), so a client with a wrong password is never invited to
 * retry silently.
 */
export function verifyDigest(v: DigestVerification): DigestVerdict {
  const c = v.credentials;
  if (c.realm !== v.realm) return { ok: false, reason: 'wrong-realm', challengeAgain: true };
  if (!isDigestAlgorithm(c.algorithm)) return { ok: false, reason: 'unsupported', challengeAgain: true };
  const nonce = checkNonce(v.secret, v.realm, c.nonce, v.nowMs, v.nonceTtlMs);
  if (!nonce.ok && nonce.reason !== 'expired') return { ok: false, reason: 'bad-nonce', challengeAgain: true };
  if (c.qop !== 'auth' || !c.nc || !/^[0-9a-fA-F]{8}$/.test(c.nc) || !c.cnonce) {
    return { ok: false, reason: 'bad-qop', challengeAgain: false };
  }
  if (!v.uriMatches(c.uri)) return { ok: false, reason: 'uri-mismatch', challengeAgain: false };
  const expected = computeDigestResponse({
    algorithm: c.algorithm,
    username: c.username,
    realm: v.realm,
    password: v.password,
    method: v.method,
    uri: c.uri,
    nonce: c.nonce,
    qop: 'auth',
    nc: c.nc,
    cnonce: c.cnonce,
  });
  if (!constantTimeEqual(expected, c.response)) return { ok: false, reason: 'wrong-response', challengeAgain: false };
  if (!nonce.ok) return { ok: false, reason: 'stale', challengeAgain: true };
  return { ok: true, algorithm: c.algorithm };
}
