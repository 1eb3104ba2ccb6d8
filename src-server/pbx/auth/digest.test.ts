import { describe, expect, it } from 'vitest';
import { Core } from 'sip.js';
import {
  checkNonce,
  computeDigestResponse,
  createNonceSecret,
  formatChallenge,
  issueNonce,
  parseAuthParams,
  parseDigestCredentials,
  verifyDigest,
  type DigestAlgorithm,
  type DigestCredentials,
} from './digest.js';
import { CHALLENGE_ORDER } from './authenticator.js';

describe('computeDigestResponse: RFC test vectors', () => {
  it('RFC 2617 §3.5 (MD5, qop=auth)', () => {
    expect(
      computeDigestResponse({
        algorithm: 'MD5',
        username: 'Mufasa',
        realm: 'testrealm@host.com',
        password: 'Circle Of Life',
        method: 'GET',
        uri: '/dir/index.html',
        nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
        qop: 'auth',
        nc: '00000001',
        cnonce: '0a4f113b',
      }),
    ).toBe('6629fae49393a05397450978507c4ef1');
  });

  const rfc7616 = (algorithm: DigestAlgorithm): string =>
    computeDigestResponse({
      algorithm,
      username: 'Mufasa',
      realm: 'http-auth@example.org',
      password: 'Circle of Life',
      method: 'GET',
      uri: '/dir/index.html',
      nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
      qop: 'auth',
      nc: '00000001',
      cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
    });

  it('RFC 7616 §3.9.1 MD5', () => {
    expect(rfc7616('MD5')).toBe('8ca523f5e9506fed4657c9700eebdbec');
  });

  it('RFC 7616 §3.9.1 SHA-256', () => {
    expect(rfc7616('SHA-256')).toBe('753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1');
  });
});

describe('nonces', () => {
  const secret = createNonceSecret();
  const realm = 'plusphone.test';

  it('verifies its own nonce until it expires', () => {
    const nonce = issueNonce(secret, realm, 1_000_000);
    expect(checkNonce(secret, realm, nonce, 1_000_000 + 59_000, 60_000)).toEqual({ ok: true, issuedAtMs: 1_000_000 });
    expect(checkNonce(secret, realm, nonce, 1_000_000 + 61_000, 60_000)).toEqual({ ok: false, reason: 'expired' });
  });

  it('rejects a nonce with a changed timestamp, another realm or another secret', () => {
    const nonce = issueNonce(secret, realm, 1_000_000);
    const [, random, mac] = nonce.split('.');
    const redated = `${(2_000_000).toString(36)}.${random}.${mac}`;
    expect(checkNonce(secret, realm, redated, 2_000_000, 60_000)).toEqual({ ok: false, reason: 'forged' });
    expect(checkNonce(secret, 'other.test', nonce, 1_000_000, 60_000)).toEqual({ ok: false, reason: 'forged' });
    expect(checkNonce(createNonceSecret(), realm, nonce, 1_000_000, 60_000)).toEqual({ ok: false, reason: 'forged' });
    expect(checkNonce(secret, realm, 'garbage', 1_000_000, 60_000)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('issues a different nonce every time', () => {
    expect(issueNonce(secret, realm, 5)).not.toBe(issueNonce(secret, realm, 5));
  });
});

describe('parseDigestCredentials', () => {
  it('reads quoted and token parameters, escapes included', () => {
    const parsed = parseDigestCredentials(
      'Digest username="05030000001", realm="plusphone.test", nonce="a.b.c", uri="sip:plusphone.test", ' +
        'response="ABCDEF", algorithm=SHA-256, qop=auth, nc=00000001, cnonce="x\\"y"',
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.credentials).toMatchObject({
      username: '05030000001',
      realm: 'plusphone.test',
      uri: 'sip:plusphone.test',
      response: 'abcdef',
      algorithm: 'SHA-256',
      qop: 'auth',
      nc: '00000001',
      cnonce: 'x"y',
    });
  });

  it('defaults the algorithm to MD5', () => {
    const parsed = parseDigestCredentials('Digest username="u", realm="r", nonce="n", uri="sip:r", response="00"');
    expect(parsed.ok && parsed.credentials.algorithm).toBe('MD5');
  });

  it.each([
    ['Basic dXNlcjpwYXNz'],
    ['Digest username="u", realm="r"'],
    ['Digest username="u, realm="r", nonce="n", uri="x", response="y"'],
    ['Digest username="u", username="v", realm="r", nonce="n", uri="x", response="y"'],
    ['Digest ,,,'],
    ['Digest ' + 'a'.repeat(5000)],
    [''],
  ])('rejects %j', (value) => {
    expect(parseDigestCredentials(value).ok).toBe(false);
  });

  it('parseAuthParams reads a challenge too', () => {
    const params = parseAuthParams('realm="plusphone.test", nonce="n", algorithm=MD5, qop="auth", stale=true');
    expect(Object.fromEntries(params ?? [])).toEqual({
      realm: 'plusphone.test',
      nonce: 'n',
      algorithm: 'MD5',
      qop: 'auth',
      stale: 'true',
    });
  });
});

describe('verifyDigest', () => {
  const secret = createNonceSecret();
  const realm = 'plusphone.test';
  const password = 'sip-secret';
  const uri = 'sip:plusphone.test';
  const now = 10_000_000;

  function credentials(overrides: Partial<DigestCredentials> & { password?: string; algorithm?: DigestAlgorithm } = {}): DigestCredentials {
    const algorithm = overrides.algorithm ?? 'MD5';
    const base = {
      username: '05030000001',
      realm: overrides.realm ?? realm,
      nonce: overrides.nonce ?? issueNonce(secret, realm, now),
      uri,
      qop: 'auth' as const,
      nc: '00000001',
      cnonce: 'c1',
    };
    const response = computeDigestResponse({ ...base, algorithm, password: overrides.password ?? password, method: 'REGISTER' });
    const { password: _ignored, ...rest } = overrides;
    return { ...base, response, algorithm, opaque: undefined, ...rest };
  }

  const verify = (c: DigestCredentials, at = now) =>
    verifyDigest({ credentials: c, method: 'REGISTER', uriMatches: (u) => u === uri, password, realm, secret, nowMs: at, nonceTtlMs: 60_000 });

  it('accepts the right password with MD5 and SHA-256', () => {
    expect(verify(credentials())).toEqual({ ok: true, algorithm: 'MD5' });
    expect(verify(credentials({ algorithm: 'SHA-256' }))).toEqual({ ok: true, algorithm: 'SHA-256' });
  });

  it('refuses a wrong password without inviting a retry', () => {
    expect(verify(credentials({ password: 'wrong' }))).toEqual({ ok: false, reason: 'wrong-response', challengeAgain: false });
  });

  it('says stale when the answer was right but the nonce expired', () => {
    expect(verify(credentials(), now + 61_000)).toEqual({ ok: false, reason: 'stale', challengeAgain: true });
  });

  it('an expired nonce with a wrong password is a wrong password, not stale', () => {
    expect(verify(credentials({ password: 'wrong' }), now + 61_000)).toMatchObject({ ok: false, reason: 'wrong-response' });
  });

  it('re-challenges a tampered nonce', () => {
    const good = issueNonce(secret, realm, now);
    const tampered = `${good.slice(0, -1)}${good.endsWith('A') ? 'B' : 'A'}`;
    expect(verify(credentials({ nonce: tampered }))).toEqual({ ok: false, reason: 'bad-nonce', challengeAgain: true });
  });

  it('re-challenges another realm', () => {
    expect(verify(credentials({ realm: 'evil.test' }))).toEqual({ ok: false, reason: 'wrong-realm', challengeAgain: true });
  });

  it('refuses an unsupported algorithm, a missing qop and a foreign uri', () => {
    expect(verify({ ...credentials(), algorithm: 'MD5-sess' })).toMatchObject({ ok: false, reason: 'unsupported' });
    expect(verify({ ...credentials(), qop: undefined })).toMatchObject({ ok: false, reason: 'bad-qop' });
    expect(verify({ ...credentials(), uri: 'sip:elsewhere.test' })).toMatchObject({ ok: false, reason: 'uri-mismatch' });
  });
});

describe('challenges', () => {
  it('SIP.js 0.21 reads the last challenge header, so MD5 is offered last', () => {
    const headers = CHALLENGE_ORDER.map(
      (algorithm) => `WWW-Authenticate: ${formatChallenge({ realm: 'plusphone.test', nonce: 'n.o.nce', algorithm, stale: true })}`,
    );
    const text = [
      'SIP/2.0 401 Unauthorized',
      'Via: SIP/2.0/WSS a.invalid;branch=z9hG4bK1',
      'From: <sip:1@plusphone.test>;tag=1',
      'To: <sip:1@plusphone.test>;tag=2',
      'Call-ID: c',
      'CSeq: 1 REGISTER',
      ...headers,
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n');
    const factory = new Core.LoggerFactory();
    factory.builtinEnabled = false;
    const message = Core.Parser.parseMessage(text, factory.getLogger('test'));
    expect(message?.parseHeader('www-authenticate')).toMatchObject({ algorithm: 'MD5', realm: 'plusphone.test', stale: true, qop: ['auth'] });
    expect(CHALLENGE_ORDER).toEqual(['SHA-256', 'MD5']);
  });
});
