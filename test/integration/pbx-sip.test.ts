/**
 * The PBX's SIP face over real WebSockets: digest-authenticated registration, refusals, and
 * robustness against junk. Driven by a raw SIP client; the directory is the in-memory demo tenant.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_IDENTITIES } from '../support/demo-directory.js';
import { startPbxHarness, type PbxHarness } from '../support/pbx-harness.js';
import { authorizationFor, DOMAIN, RawSipClient, type SipAccount } from '../support/raw-sip-client.js';
import { waitFor } from '../support/wait-for.js';

const account = (key: keyof typeof DEMO_IDENTITIES): SipAccount => ({
  user: DEMO_IDENTITIES[key].sipUser,
  password: DEMO_IDENTITIES[key].sipPassword,
});

let harness: PbxHarness;
const clients: RawSipClient[] = [];

async function connect(): Promise<RawSipClient> {
  const client = await RawSipClient.connect(harness.sipUrl);
  clients.push(client);
  return client;
}

beforeEach(async () => {
  harness = await startPbxHarness();
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await harness.close();
});

describe('REGISTER', () => {
  it('challenges with SHA-256 then MD5, accepts MD5 credentials and lists the binding', async () => {
    const client = await connect();
    const { challenge, final } = await client.register(account('A'), { expires: 300 });
    expect(challenge?.status).toBe(401);
    const offered = challenge?.headers('www-authenticate') ?? [];
    expect(offered).toHaveLength(2);
    expect(offered[0]).toMatch(/algorithm=SHA-256/);
    expect(offered[1]).toMatch(/algorithm=MD5/);
    for (const value of offered) expect(value).toMatch(/realm="plusphone\.test".*qop="auth"/);
    expect(final.status).toBe(200);
    const contacts = final.headers('contact');
    expect(contacts).toHaveLength(1);
    expect(contacts[0]).toContain(client.contactUri);
    expect(contacts[0]).toMatch(/;expires=(300|299)\b/);
    expect(harness.pbx.stats().registrations).toBe(1);
  });

  it('accepts SHA-256 credentials too', async () => {
    const client = await connect();
    const { final } = await client.register(account('B'), { algorithm: 'SHA-256' });
    expect(final.status).toBe(200);
    expect(harness.pbx.stats().registrations).toBe(1);
  });

  it('refuses a wrong password with 403 and binds nothing', async () => {
    const client = await connect();
    const { final } = await client.register({ user: account('A').user, password: 'wrong' });
    expect(final.status).toBe(403);
    expect(harness.pbx.stats().registrations).toBe(0);
    expect(client.isOpen).toBe(true);
  });

  it('refuses an unknown user the same way', async () => {
    const client = await connect();
    const { final } = await client.register({ user: '05099999999', password: 'x' });
    expect(final.status).toBe(403);
    expect(harness.pbx.stats().registrations).toBe(0);
  });

  it("refuses to REGISTER someone else's ID (403)", async () => {
    const client = await connect();
    const { final } = await client.register(account('A'), { aor: DEMO_IDENTITIES.B.sipUser });
    expect(final.status).toBe(403);
    expect(harness.pbx.stats().registrations).toBe(0);
  });

  it('answers a request with an expired nonce with stale=true', async () => {
    await harness.close();
    harness = await startPbxHarness({ nonceTtlMs: 1 });
    const client = await connect();
    const callId = 'stale-test@x.invalid';
    const aor = `<sip:${account('C').user}@${DOMAIN}>`;
    const register = (cseq: number, authorization?: string): string =>
      client.buildRequest({
        method: 'REGISTER',
        requestUri: `sip:${DOMAIN}`,
        from: `${aor};tag=t1`,
        to: aor,
        callId,
        cseq,
        headers: authorization ? [`Authorization: ${authorization}`] : [],
        withContact: true,
      }).text;
    client.send(register(1));
    const challenge = await client.nextResponse(callId, 'REGISTER', 200);
    const issuedAt = Date.now();
    await waitFor(() => Date.now() > issuedAt + 5, { description: 'the nonce to age' });
    client.send(register(2, authorizationFor(challenge, 'www-authenticate', account('C'), 'REGISTER', `sip:${DOMAIN}`, 'MD5')));
    const stale = await client.nextResponse(callId, 'REGISTER', 200);
    expect(stale.status).toBe(401);
    expect(stale.headers('www-authenticate').every((v) => /stale=true/.test(v))).toBe(true);
    expect(harness.pbx.stats().registrations).toBe(0);
  });

  it('refuses a replayed nonce count', async () => {
    const client = await connect();
    const callId = 'replay@x.invalid';
    const aor = `<sip:${account('D').user}@${DOMAIN}>`;
    const register = (cseq: number, authorization?: string): string =>
      client.buildRequest({
        method: 'REGISTER',
        requestUri: `sip:${DOMAIN}`,
        from: `${aor};tag=t1`,
        to: aor,
        callId,
        cseq,
        headers: authorization ? [`Authorization: ${authorization}`] : [],
        withContact: true,
      }).text;
    client.send(register(1));
    const challenge = await client.nextResponse(callId, 'REGISTER', 200);
    const authorization = authorizationFor(challenge, 'www-authenticate', account('D'), 'REGISTER', `sip:${DOMAIN}`, 'MD5');
    client.send(register(2, authorization));
    expect((await client.nextResponse(callId, 'REGISTER', 200)).status).toBe(200);
    client.send(register(3, authorization));
    expect((await client.nextResponse(callId, 'REGISTER', 200)).status).toBe(401);
  });

  it('unregisters with Expires: 0, and a closed socket takes its bindings along', async () => {
    const first = await connect();
    const second = await connect();
    const callId = 'a-reg@x.invalid';
    await first.register(account('E'), { callId, cseq: 1 });
    const { final } = await second.register(account('E'));
    expect(final.headers('contact')).toHaveLength(2); // both devices of E
    expect(harness.pbx.stats().registrations).toBe(2);
    const { final: removed } = await first.register(account('E'), { expires: 0, callId, cseq: 10 });
    expect(removed.status).toBe(200);
    expect(removed.headers('contact')).toHaveLength(1);
    expect(harness.pbx.stats().registrations).toBe(1);
    await second.close();
    await waitFor(() => harness.pbx.stats().registrations === 0, { description: 'bindings of the closed socket removed' });
  });

  it('asks for a longer interval (423) and refuses an out-of-order REGISTER', async () => {
    const client = await connect();
    const { final: brief } = await client.register(account('A'), { expires: 5 });
    expect(brief.status).toBe(423);
    expect(brief.header('min-expires')).toBe('60');
    const callId = 'order@x.invalid';
    expect((await client.register(account('A'), { callId, cseq: 20 })).final.status).toBe(200);
    expect((await client.register(account('A'), { callId, cseq: 5 })).final.status).toBe(500);
  });
});

describe('other requests', () => {
  it('OPTIONS 200, PUBLISH 405 with Allow, SUBSCRIBE without a known event 489, unknown 501, BYE, CANCEL and REFER outside a dialog 481', async () => {
    const client = await connect();
    const ask = async (method: string): Promise<number> => {
      const callId = `${method}-${Math.random()}@x.invalid`;
      client.send(
        client.buildRequest({
          method,
          requestUri: `sip:${DOMAIN}`,
          from: `<sip:${account('A').user}@${DOMAIN}>;tag=1`,
          to: `<sip:${DOMAIN}>`,
          callId,
          cseq: 1,
        }).text,
      );
      const response = await client.nextResponse(callId, method, 200);
      if (response.status === 405) expect(response.header('allow')).toContain('INVITE');
      return response.status;
    };
    expect(await ask('OPTIONS')).toBe(200);
    expect(await ask('PUBLISH')).toBe(405);
    expect(await ask('SUBSCRIBE')).toBe(489);
    expect(await ask('FROBNICATE')).toBe(501);
    expect(await ask('BYE')).toBe(481);
    expect(await ask('REFER')).toBe(481);
    expect(await ask('CANCEL')).toBe(481);
  });

  it('answers CRLF keep-alive pings with a pong', async () => {
    const client = await connect();
    const pong = client.nextFrame();
    client.send('\r\n\r\n');
    expect(await pong).toBe('\r\n');
  });
});

describe('hostile input', () => {
  it('survives garbage, truncated and malformed messages and still serves the connection', async () => {
    const client = await connect();
    const junk: Array<string | Buffer> = [
      'hello',
      '\u0000\u0001\u0002',
      Buffer.from([0xff, 0xfe, 0x00, 0x80, 0x0d, 0x0a]),
      'INVITE sip:202@plusphone.test SIP/2.0\r\n',
      'INVITE sip:202@plusphone.test SIP/2.0\r\nVia: garbage\r\n\r\n',
      'SIP/2.0 200 OK\r\nCSeq: nonsense\r\n\r\n',
      'SIP/2.0 999999 What\r\n\r\n',
      'REGISTER sip:plusphone.test SIP/2.0\r\nContent-Length: 99999\r\n\r\n',
      'REGISTER sip:plusphone.test SIP/2.0\r\n' + 'X-A: b\r\n'.repeat(500) + '\r\n',
      'ACK sip:x SIP/2.0\r\n\r\n',
      'INVITE sip:202@plusphone.test SIP/2.0\r\nVia: SIP/2.0/WSS a.invalid;branch=z9hG4bKx\r\nFrom: <sip:a@b>\r\nTo: <sip:b@c>\r\nCall-ID: 1\r\nCSeq: 1 INVITE\r\n\r\n',
      'x'.repeat(60 * 1024),
    ];
    for (const frame of junk) client.send(frame);
    // The From without a tag is a recognisable request: it gets 400.
    const bad = await client.nextResponse('1', 'INVITE', 400);
    expect(bad.status).toBe(400);
    // A missing Call-ID makes a request we cannot answer: dropped. The connection still works:
    const callId = 'after-junk@x.invalid';
    client.send(
      client.buildRequest({ method: 'OPTIONS', requestUri: `sip:${DOMAIN}`, from: '<sip:a@b>;tag=1', to: '<sip:b@c>', callId, cseq: 1 }).text,
    );
    expect((await client.nextResponse(callId, 'OPTIONS', 200)).status).toBe(200);
    expect(client.isOpen).toBe(true);
  });

  it('survives a mutation fuzz of valid requests over the socket', async () => {
    const client = await connect();
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const templates = ['REGISTER', 'INVITE', 'BYE', 'CANCEL', 'ACK', 'OPTIONS'].map((method) =>
      Buffer.from(
        client.buildRequest({
          method,
          requestUri: `sip:202@${DOMAIN}`,
          from: `<sip:${account('A').user}@${DOMAIN}>;tag=f${method}`,
          to: method === 'BYE' ? `<sip:202@${DOMAIN}>;tag=x` : `<sip:202@${DOMAIN}>`,
          callId: `fuzz-${method}`,
          cseq: 1,
          withContact: true,
          body: method === 'INVITE' ? 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n' : '',
        }).text,
      ),
    );
    // within one connection's message burst (DEFAULT_MESSAGE_BUDGET); floods are pbx-fuzz.test.ts's
    for (let i = 0; i < 450; i++) {
      const template = templates[random(templates.length)] as Buffer;
      const mutated = Buffer.from(template);
      for (let e = 1 + random(6); e > 0; e--) mutated[random(mutated.length)] = random(256);
      client.send(random(5) === 0 ? mutated.subarray(0, random(mutated.length)) : mutated);
    }
    const callId = 'after-fuzz@x.invalid';
    client.send(client.buildRequest({ method: 'OPTIONS', requestUri: `sip:${DOMAIN}`, from: '<sip:a@b>;tag=1', to: '<sip:b@c>', callId, cseq: 1 }).text);
    expect((await client.nextResponse(callId, 'OPTIONS', 200)).status).toBe(200);
    expect(harness.pbx.stats()).toMatchObject({ calls: 0, legs: 0, peerConnections: 0, registrations: 0 });
  });

  it('closes a connection that sends an oversized frame, and keeps serving others', async () => {
    const client = await connect();
    client.send(Buffer.alloc(100 * 1024, 0x41));
    await client.whenClosed;
    expect(client.closeCode).toBe(1009);
    const other = await connect();
    expect((await other.register(account('A'))).final.status).toBe(200);
  });

  it('refuses a WebSocket without the sip subprotocol', async () => {
    await expect(RawSipClient.connect(harness.sipUrl, ['chat'])).rejects.toThrow(/400/);
  });
});
