/**
 * Issue 4 point 11, authentication: stale nonces (REGISTER and INVITE) are challenged again with
 * stale=true and a client recovers — SIP.js on its own; a replayed nonce count starts nothing;
 * repeated bad passwords lock that user out from that address until the lockout ends; REGISTER
 * for another ID is refused. The PBX's auth clock is injected: time moves, nobody sleeps.
 * (pbx-sip.test.ts has the basic cases: stale REGISTER, replayed REGISTER nc, 403 for another ID.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Registerer, RegistererState, UserAgent } from 'sip.js';
import { createSilentLogger } from '../../src-shared/logging/logger.js';
import { createNodeSipWebSocket, type SipWebSocketFactory } from '../../src-main/core/sip/sip-web-socket.js';
import { SipWebSocketTransport } from '../../src-main/core/sip/sip-websocket-transport.js';
import { DEMO_IDENTITIES, OTHER_TENANT_IDENTITY } from '../support/demo-directory.js';
import { startPbxHarness, type PbxHarness } from '../support/pbx-harness.js';
import { authorizationFor, DOMAIN, RawSipClient, type SipAccount } from '../support/raw-sip-client.js';
import { type SipResponse } from '../../src-server/pbx/sip/message.js';
import { waitFor } from '../support/wait-for.js';

const NONCE_TTL_MS = 60_000;
const LOCKOUT = { maxFailures: 3, windowMs: 60_000, lockoutMs: 120_000 };

const account = (key: keyof typeof DEMO_IDENTITIES): SipAccount => ({
  user: DEMO_IDENTITIES[key].sipUser,
  password: DEMO_IDENTITIES[key].sipPassword,
});

let harness: PbxHarness | undefined;
let nowMs = Date.now();
const clients: RawSipClient[] = [];
const cleanups: Array<() => Promise<unknown>> = [];

async function start(): Promise<PbxHarness> {
  nowMs = Date.now();
  harness = await startPbxHarness({ nonceTtlMs: NONCE_TTL_MS, authFailureLimits: LOCKOUT, authClock: () => nowMs });
  return harness;
}

async function connect(): Promise<RawSipClient> {
  const client = await RawSipClient.connect(harness!.sipUrl);
  clients.push(client);
  return client;
}

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await harness?.close();
  harness = undefined;
});

const SDP = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=rtpmap:111 opus/48000/2\r\n';

/** One INVITE dialog's requests, written by hand so a test controls every Proxy-Authorization. */
function inviteSender(client: RawSipClient, from: SipAccount, dialled = '203') {
  const callId = `inv-${Math.random()}@x.invalid`;
  const requestUri = `sip:${dialled}@${DOMAIN}`;
  const fromHeader = `<sip:${from.user}@${DOMAIN}>;tag=a1`;
  return {
    callId,
    requestUri,
    send(cseq: number, authorization?: string): string {
      const built = client.buildRequest({
        method: 'INVITE',
        requestUri,
        from: fromHeader,
        to: `<${requestUri}>`,
        callId,
        cseq,
        headers: authorization ? [`Proxy-Authorization: ${authorization}`] : [],
        body: SDP,
        withContact: true,
      });
      client.send(built.text);
      return built.branch;
    },
    ack(cseq: number, branch: string, to: string): void {
      client.send(client.buildRequest({ method: 'ACK', requestUri, from: fromHeader, to, callId, cseq, branch }).text);
    },
    /** CSeq 1 without credentials: its challenge, ACKed. */
    async challenge(): Promise<SipResponse> {
      const branch = this.send(1);
      const challenge = await client.nextResponse(callId, 'INVITE', 200);
      this.ack(1, branch, challenge.header('to')!);
      return challenge;
    },
  };
}

/** REGISTERs of one Call-ID for `aor`, written by hand so a test controls every Authorization. */
function registerSender(client: RawSipClient, callId: string, aor: string, fromTag: string): (cseq: number, authorization?: string) => void {
  return (cseq, authorization) =>
    client.send(
      client.buildRequest({
        method: 'REGISTER',
        requestUri: `sip:${DOMAIN}`,
        from: `${aor};tag=${fromTag}`,
        to: aor,
        callId,
        cseq,
        headers: authorization ? [`Authorization: ${authorization}`] : [],
        withContact: true,
      }).text,
    );
}

describe('stale nonces', () => {
  it('an INVITE with an expired nonce gets 407 stale=true, and answering the new challenge gets through', async () => {
    await start();
    const client = await connect();
    const invite = inviteSender(client, account('A'));
    const challenge = await invite.challenge();
    expect(challenge.status).toBe(407);

    nowMs += NONCE_TTL_MS + 1_000;
    const staleBranch = invite.send(2, authorizationFor(challenge, 'proxy-authenticate', account('A'), 'INVITE', invite.requestUri, 'MD5'));
    const stale = await client.nextResponse(invite.callId, 'INVITE', 200);
    expect(stale.status).toBe(407);
    expect(stale.headers('proxy-authenticate')).toHaveLength(2);
    expect(stale.headers('proxy-authenticate').every((v) => /stale=true/.test(v))).toBe(true);
    invite.ack(2, staleBranch, stale.header('to')!);

    invite.send(3, authorizationFor(stale, 'proxy-authenticate', account('A'), 'INVITE', invite.requestUri, 'SHA-256'));
    // nobody is registered at 203: past authentication the call is routed and ends unanswered
    const routed = await client.nextResponse(invite.callId, 'INVITE', 200);
    expect([401, 403, 407]).not.toContain(routed.status);
    await waitFor(() => harness!.pbx.stats().calls === 0 && harness!.pbx.stats().peerConnections === 0, { description: 'no call left' });
  });

  it('a wrong password with an expired nonce is not "stale": 403, so a client never retries it silently', async () => {
    await start();
    const client = await connect();
    const callId = 'stale-wrong@x.invalid';
    const aor = `<sip:${account('B').user}@${DOMAIN}>`;
    const register = registerSender(client, callId, aor, 'r1');
    register(1);
    const challenge = await client.nextResponse(callId, 'REGISTER', 200);
    nowMs += NONCE_TTL_MS + 1_000;
    register(2, authorizationFor(challenge, 'www-authenticate', { user: account('B').user, password: 'wrong' }, 'REGISTER', `sip:${DOMAIN}`, 'MD5'));
    expect((await client.nextResponse(callId, 'REGISTER', 200)).status).toBe(403);
  });

  it('SIP.js refreshing its registration after the nonce expired gets 401 stale=true and re-registers by itself', async () => {
    await start();
    const received: string[] = [];
    // the softphone's own transport, with the frames it receives recorded
    const recordingWebSocket: SipWebSocketFactory = (url, protocol, handlers) =>
      createNodeSipWebSocket(url, protocol, {
        ...handlers,
        onMessage: (text) => {
          received.push(text);
          handlers.onMessage(text);
        },
      });
    const C = account('C');
    const userAgent = new UserAgent({
      uri: UserAgent.makeURI(`sip:${C.user}@${DOMAIN}`),
      authorizationUsername: C.user,
      authorizationPassword: C.password,
      transportConstructor: SipWebSocketTransport,
      transportOptions: { server: harness!.sipUrl, createWebSocket: recordingWebSocket, logger: createSilentLogger() },
      logBuiltinEnabled: false,
      gracefulShutdown: false,
    });
    cleanups.push(() => userAgent.stop());
    await userAgent.start();
    const registerer = new Registerer(userAgent, { expires: 600 });
    const accepted = (): Promise<void> =>
      new Promise((resolve, reject) => {
        void registerer
          .register({ requestDelegate: { onAccept: () => resolve(), onReject: (r) => reject(new Error(`REGISTER ${r.message.statusCode}`)) } })
          .catch(reject);
      });
    await accepted();
    expect(registerer.state).toBe(RegistererState.Registered);
    expect(harness!.pbx.stats().registrations).toBe(1);

    nowMs += NONCE_TTL_MS + 1_000;
    const before = received.length;
    await accepted();
    const afterExpiry = received.slice(before).map((text) => text.split('\r\n'));
    const statuses = afterExpiry.map((lines) => lines[0]);
    expect(statuses).toEqual(['SIP/2.0 401 Unauthorized', 'SIP/2.0 200 OK']);
    expect(afterExpiry[0]!.filter((l) => /^WWW-Authenticate:/i.test(l)).every((l) => /stale=true/.test(l))).toBe(true);
    expect(harness!.pbx.stats().registrations).toBe(1);
  });
});

describe('replayed nonce counts', () => {
  it('an INVITE replaying an accepted Proxy-Authorization is challenged again and starts no second call', async () => {
    await start();
    const caller = await connect();
    const invite = inviteSender(caller, account('D'));
    const challenge = await invite.challenge();
    const authorization = authorizationFor(challenge, 'proxy-authenticate', account('D'), 'INVITE', invite.requestUri, 'MD5');
    invite.send(2, authorization);
    const routed = await caller.nextResponse(invite.callId, 'INVITE', 200);
    expect([401, 403, 407]).not.toContain(routed.status);

    // the same credentials (same nonce, same nc) on a new INVITE of another call
    const replay = inviteSender(caller, account('D'));
    replay.send(2, authorization.replace(/uri="[^"]*"/, `uri="${replay.requestUri}"`));
    const replayed = await caller.nextResponse(replay.callId, 'INVITE', 200);
    expect(replayed.status).toBe(407);
    await waitFor(() => harness!.pbx.stats().calls === 0, { description: 'no call from the replay' });
  });

  it('a lower nonce count than one already used is refused, a higher one accepted', async () => {
    await start();
    const client = await connect();
    const callId = 'nc@x.invalid';
    const aor = `<sip:${account('E').user}@${DOMAIN}>`;
    const register = registerSender(client, callId, aor, 'n1');
    register(1);
    const challenge = await client.nextResponse(callId, 'REGISTER', 200);
    const withCount = (nc: string): string => authorizationFor(challenge, 'www-authenticate', account('E'), 'REGISTER', `sip:${DOMAIN}`, 'MD5', nc);
    register(2, withCount('00000005'));
    expect((await client.nextResponse(callId, 'REGISTER', 200)).status).toBe(200);
    register(3, withCount('00000003'));
    expect((await client.nextResponse(callId, 'REGISTER', 200)).status).toBe(401);
    register(4, withCount('00000006'));
    expect((await client.nextResponse(callId, 'REGISTER', 200)).status).toBe(200);
  });
});

describe('lockout after repeated failures', () => {
  it('locks the user out from that address, even with the right password, until the lockout ends', async () => {
    await start();
    const client = await connect();
    const wrong = { user: account('A').user, password: 'guess' };
    for (let i = 0; i < LOCKOUT.maxFailures; i++) {
      expect((await client.register(wrong)).final.status).toBe(403);
    }
    // locked: the right password is refused alike (no oracle), for REGISTER and INVITE
    expect((await client.register(account('A'))).final.status).toBe(403);
    const invite = inviteSender(client, account('A'));
    const challenge = await invite.challenge();
    invite.send(2, authorizationFor(challenge, 'proxy-authenticate', account('A'), 'INVITE', invite.requestUri, 'MD5'));
    expect((await client.nextResponse(invite.callId, 'INVITE', 200)).status).toBe(403);
    expect(harness!.pbx.stats()).toMatchObject({ registrations: 0, calls: 0 });

    // a colleague on the same address is not locked out
    expect((await client.register(account('B'))).final.status).toBe(200);

    nowMs += LOCKOUT.lockoutMs - 1_000;
    expect((await client.register(account('A'))).final.status).toBe(403);
    nowMs += 2_000;
    expect((await client.register(account('A'))).final.status).toBe(200);
    expect(harness!.pbx.stats().registrations).toBe(2);
  });

  it('failures spread over more than the window do not add up to a lockout', async () => {
    await start();
    const client = await connect();
    const wrong = { user: account('C').user, password: 'guess' };
    for (let i = 0; i < LOCKOUT.maxFailures - 1; i++) expect((await client.register(wrong)).final.status).toBe(403);
    nowMs += LOCKOUT.windowMs + 1_000;
    expect((await client.register(wrong)).final.status).toBe(403);
    expect((await client.register(account('C'))).final.status).toBe(200);
  });
});

describe('REGISTER for another ID', () => {
  it('is refused with 403 for a colleague, another tenant and another domain, whatever the algorithm', async () => {
    await start();
    const client = await connect();
    for (const aor of [DEMO_IDENTITIES.B.sipUser, OTHER_TENANT_IDENTITY.sipUser]) {
      for (const algorithm of ['MD5', 'SHA-256'] as const) {
        const { final } = await client.register(account('A'), { aor, algorithm });
        expect(final.status, `${aor} ${algorithm}`).toBe(403);
      }
    }
    const callId = 'foreign-domain@x.invalid';
    const send = registerSender(client, callId, `<sip:${account('A').user}@elsewhere.example>`, 'd1');
    send(1);
    const challenge = await client.nextResponse(callId, 'REGISTER', 200);
    send(2, authorizationFor(challenge, 'www-authenticate', account('A'), 'REGISTER', `sip:${DOMAIN}`, 'MD5'));
    expect((await client.nextResponse(callId, 'REGISTER', 200)).status).toBe(403);
    expect(harness!.pbx.stats().registrations).toBe(0);
  });
});
