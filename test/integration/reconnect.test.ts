import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionSnapshot, PhoneSnapshot } from '../../src-shared/domain/phone-snapshot.js';
import { createNodeSipWebSocket, type SipWebSocketFactory } from '../../src-main/core/sip/sip-web-socket.js';
import { demoId } from '../../src-server/store/demo-tenant.js';
import { CuttableProxy } from '../support/cuttable-proxy.js';
import { DEMO_IDENTITIES, type DemoKey } from '../support/demo-directory.js';
import { startPbxHarness, type PbxHarness } from '../support/pbx-harness.js';
import { RawSipClient, type SipAccount } from '../support/raw-sip-client.js';
import { WrtcAudioEndpoint } from '../support/wrtc-audio-endpoint.js';
import { MIN_TONE_RMS, TONE_TOLERANCE_HZ, receivedTone } from '../support/received-tone.js';
import { ServerProcess, freePort } from '../support/server-process.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { TestSoftphone } from '../support/test-softphone.js';
import { waitFor } from '../support/wait-for.js';

/**
 * Issue 5 point 8: the softphone reconnects by itself. The server process is killed (SIGKILL)
 * and started again on the same port with the same SQLite file: the phone says 再接続中 with its
 * attempt and next retry, registers again within the backoff cap once the server is back, and a
 * new call works with audio. A connection cut from the server's side (a proxy in the path) is
 * reconnected and re-registered at once.
 */
const phones: TestSoftphone[] = [];
const servers: ServerProcess[] = [];
let inProcess: TestServer | undefined;
let proxy: CuttableProxy | undefined;
let dataDir: string | undefined;

const rawClients: RawSipClient[] = [];
const rawMedia: WrtcAudioEndpoint[] = [];
let harness: PbxHarness | undefined;

afterEach(async () => {
  await Promise.allSettled(rawClients.splice(0).map((client) => client.close()));
  await harness?.close();
  harness = undefined;
  await Promise.allSettled(rawMedia.splice(0).map((endpoint) => endpoint.close()));
  await Promise.allSettled(phones.splice(0).map((phone) => phone.dispose()));
  await Promise.allSettled(servers.splice(0).map((server) => server.stop()));
  await proxy?.close();
  proxy = undefined;
  await inProcess?.close();
  inProcess = undefined;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = undefined;
});

/** A short cap keeps the test quick; the product's is 30 s (connection/reconnect-backoff.ts). */
const BACKOFF = { initialDelayMs: 250, maxDelayMs: 2_000 };
/** one attempt's own time on loopback under load (connect + REGISTER + digest round trip) */
const ATTEMPT_ALLOWANCE_MS = 3_000;
const TONE_A = 440;
const TONE_B = 1_000;

interface RecordedOffer {
  iceRestart: boolean;
  ufrag: string | undefined;
  /** the far end's answer to it was applied */
  answered: boolean;
}

/** The offers a phone's media host makes from now on (the SDH asks through media.getDescription / setDescription). */
function recordOffers(phone: TestSoftphone): RecordedOffer[] {
  const offers: RecordedOffer[] = [];
  const handlers = phone.mediaHost.handlers;
  const getDescription = handlers['media.getDescription'];
  const setDescription = handlers['media.setDescription'];
  handlers['media.getDescription'] = async (args) => {
    const description = await getDescription(args);
    if (description.type === 'offer') {
      offers.push({ iceRestart: args.iceRestart, ufrag: /a=ice-ufrag:(\S+)/.exec(description.sdp)?.[1], answered: false });
    }
    return description;
  };
  handlers['media.setDescription'] = async (args) => {
    const result = await setDescription(args);
    const last = offers.at(-1);
    if (last) last.answered = true;
    return result;
  };
  return offers;
}

/** Each phone hears the other's tone (audio may take a moment to flow after an answer or an ICE restart). */
async function expectTwoWayAudio(a: TestSoftphone, b: TestSoftphone): Promise<void> {
  await Promise.all([hears(a, TONE_B, 'A hears B'), hears(b, TONE_A, 'B hears A')]);
}

async function hears(phone: TestSoftphone, toneHz: number, description: string): Promise<void> {
  const tone = await waitFor(
    async () => {
      const heard = await receivedTone(phone.media);
      return heard.rms > MIN_TONE_RMS && Math.abs(heard.frequencyHz - toneHz) <= TONE_TOLERANCE_HZ && heard;
    },
    { timeoutMs: 15_000, description },
  );
  expect(tone.rms).toBeGreaterThan(MIN_TONE_RMS);
}

/** Every connection state a phone published, with the time it was seen. */
function recordConnection(phone: TestSoftphone): { at: number; connection: ConnectionSnapshot }[] {
  const seen: { at: number; connection: ConnectionSnapshot }[] = [];
  phone.service.onSnapshot((snapshot: PhoneSnapshot) => {
    if (snapshot.connection) seen.push({ at: Date.now(), connection: snapshot.connection });
  });
  return seen;
}

describe('reconnect', () => {
  it('after the server process is killed and restarted: 再接続中, registered again within the backoff cap, and a new call works', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'plusphone-reconnect-'));
    const port = await freePort();
    const dbPath = join(dataDir, 'plusphone.sqlite');
    const first = await ServerProcess.start({ port, dbPath });
    servers.push(first);
    const A = demoId('A');
    const phone = new TestSoftphone({ toneHz: TONE_A, serviceOptions: { reconnect: { backoff: BACKOFF } } });
    phones.push(phone);
    const seen = recordConnection(phone);
    await phone.login(first.httpUrl, A.directNumber, A.password);
    expect(phone.snapshot.connection).toEqual({ state: 'registered', attempt: 0, nextRetryAt: null, reason: null });

    await first.kill();
    const lost = await phone.waitFor((s) => s.connection?.state === 'reconnecting', { description: 'A sees 再接続中' });
    expect(lost.registration).toEqual({ state: 'reconnecting', error: { code: 'sip-connection-lost', message: 'SIPサーバーとの接続が切れました' } });
    // a few attempts fail against the dead port; each waits longer, never beyond the cap
    const retrying = await phone.waitFor((s) => (s.connection?.attempt ?? 0) >= 3 && s.connection?.nextRetryAt != null, {
      description: 'third attempt scheduled',
    });
    expect(retrying.connection?.reason?.code).toBe('sip-unreachable');

    const second = await ServerProcess.start({ port, dbPath });
    servers.push(second);
    const backAt = Date.now();
    await phone.waitFor((s) => s.connection?.state === 'registered', {
      timeoutMs: BACKOFF.maxDelayMs + ATTEMPT_ALLOWANCE_MS + 5_000,
      description: 'A registered again',
    });
    const tookMs = Date.now() - backAt;
    expect(tookMs).toBeLessThanOrEqual(BACKOFF.maxDelayMs + ATTEMPT_ALLOWANCE_MS);
    expect(phone.snapshot.registration).toEqual({ state: 'registered', error: null });

    const schedule = seen.filter((entry) => entry.connection.state === 'reconnecting' && entry.connection.nextRetryAt !== null);
    expect(schedule.length).toBeGreaterThanOrEqual(3);
    for (const { at, connection } of schedule) expect(connection.nextRetryAt! - at).toBeLessThanOrEqual(BACKOFF.maxDelayMs + 50);
    const attempts = schedule.map((entry) => entry.connection.attempt);
    expect(attempts).toEqual([...attempts].sort((a, b) => a - b));

    // a new call after the restart: the PSTN echo number sends A's own tone back
    const { lineId } = (await phone.call('call.dial', { target: '0312340000' })) as { lineId: string };
    await phone.waitForLine((line) => line.id === lineId && line.state === 'connected', { description: 'echo answered' });
    await hears(phone, TONE_A, 'A hears its own tone echoed');
    await phone.call('call.hangup', { lineId });
    await phone.waitFor((s) => s.lines.every((line) => line.state === 'ended'), { description: 'echo call ended' });
    console.info(`reconnect after server restart: registered ${tookMs} ms after the server was back (cap ${BACKOFF.maxDelayMs} ms)`);
  }, 90_000);

  it('a connection cut from the server side is reconnected and re-registered, and the call on it goes on (ICE-restart re-INVITE)', async () => {
    inProcess = await startTestServer();
    const { httpUrl, port, pbx } = inProcess.server;
    proxy = await CuttableProxy.start(port);
    const viaProxy: SipWebSocketFactory = (url, protocol, handlers) =>
      createNodeSipWebSocket(url.replace(`:${port}/`, `:${proxy!.port}/`), protocol, handlers);
    const A = demoId('A');
    const B = demoId('B');
    const a = new TestSoftphone({ toneHz: TONE_A, serviceOptions: { createWebSocket: viaProxy, reconnect: { backoff: BACKOFF } } });
    const b = new TestSoftphone({ toneHz: TONE_B });
    phones.push(a, b);
    await Promise.all([a.login(httpUrl, A.directNumber, A.password), b.login(httpUrl, B.directNumber, B.password)]);
    expect(proxy.openConnections).toBe(1);

    const offers = recordOffers(a);
    const { lineId } = (await a.call('call.dial', { target: B.extension })) as { lineId: string };
    const ringing = await b.waitForLine((line) => line.state === 'ringingIn');
    await b.call('call.answer', { lineId: ringing.id });
    await a.waitForLine((line) => line.id === lineId && line.state === 'connected');
    const initialUfrag = offers[0]?.ufrag;
    expect(initialUfrag).toBeTruthy();
    // a call in progress (both hear each other), not one whose ACK may still be on the wire
    await expectTwoWayAudio(a, b);

    const seen = recordConnection(a);
    const cutAt = Date.now();
    expect(proxy.cutAll()).toBe(1);
    await a.waitFor((s) => s.connection?.state === 'registered' && seen.some((entry) => entry.connection.state === 'reconnecting'), {
      description: 'A reconnected and registered again',
    });
    const recoveredMs = Date.now() - cutAt;
    expect(recoveredMs).toBeLessThanOrEqual(BACKOFF.initialDelayMs + ATTEMPT_ALLOWANCE_MS);
    expect(seen.find((entry) => entry.connection.state === 'reconnecting')?.connection).toMatchObject({
      attempt: 1,
      reason: { code: 'sip-connection-lost' },
    });
    expect(proxy.openConnections).toBe(1);
    await waitFor(() => pbx.stats().registrations === 2, { description: 'A and B registered at the PBX, no stale binding' });

    // the PBX kept A's leg for its grace period and took A's re-INVITE on the new connection:
    // the same call goes on, with new ICE credentials in A's offer, audio both ways
    const restart = await waitFor(() => offers.find((offer) => offer.iceRestart && offer.answered), {
      description: "A's ICE-restart re-INVITE answered",
    });
    expect(restart.ufrag).toBeTruthy();
    expect(restart.ufrag).not.toBe(initialUfrag);
    expect(a.snapshot.lines.find((line) => line.id === lineId)?.state).toBe('connected');
    expect(b.snapshot.lines.find((line) => line.id === ringing.id)?.state).toBe('connected');
    expect(pbx.stats().calls).toBe(1);
    await expectTwoWayAudio(a, b);

    // hanging up travels over the new connection
    await a.call('call.hangup', { lineId });
    await b.waitForSeenLine((line) => line.id === ringing.id && line.state === 'ended', { description: 'B hears the hang-up' });
    await waitFor(() => pbx.stats().calls === 0 && pbx.stats().peerConnections === 0, { description: 'PBX idle' });
    console.info(`reconnect after a cut connection: registered again ${recoveredMs} ms after the cut; the call went on`);
  }, 60_000);
});

describe('sleep, wake and network changes (host events)', () => {
  it('suspend → オフライン with no retries; resume → registered again at once on a new connection; network down/up the same', async () => {
    inProcess = await startTestServer();
    const { httpUrl, port, pbx } = inProcess.server;
    proxy = await CuttableProxy.start(port);
    const viaProxy: SipWebSocketFactory = (url, protocol, handlers) =>
      createNodeSipWebSocket(url.replace(`:${port}/`, `:${proxy!.port}/`), protocol, handlers);
    const A = demoId('A');
    const phone = new TestSoftphone({ toneHz: TONE_A, serviceOptions: { createWebSocket: viaProxy, reconnect: { backoff: BACKOFF } } });
    phones.push(phone);
    await phone.login(httpUrl, A.directNumber, A.password);
    const seen = recordConnection(phone);

    // the machine sleeps (Electron powerMonitor → PhoneService.systemEvent); meanwhile the
    // connection dies: no retry while asleep
    phone.service.systemEvent('suspend');
    expect(phone.snapshot.connection).toEqual({
      state: 'offline',
      attempt: 0,
      nextRetryAt: null,
      reason: { code: 'suspended', message: 'スリープ中のため切断しています' },
    });
    expect(phone.snapshot.registration.state).toBe('unregistered');
    proxy.cutAll();
    await waitFor(() => proxy!.openConnections === 0, { description: 'connection gone' });
    const before = seen.length;
    // the next retry would have been due after at most one backoff cap: nothing happened meanwhile
    await expect(
      phone.waitFor((s) => s.connection?.state !== 'offline', { timeoutMs: BACKOFF.maxDelayMs + 500, description: 'no retry while asleep' }),
    ).rejects.toThrow(/timed out/);
    expect(seen.slice(before).map((entry) => entry.connection.state)).toEqual([]);
    expect(proxy.openConnections).toBe(0);

    // wake: at once, on a new connection (no backoff wait)
    const wokeAt = Date.now();
    phone.service.systemEvent('resume');
    await phone.waitFor((s) => s.connection?.state === 'registered', { description: 'registered after resume' });
    expect(Date.now() - wokeAt).toBeLessThanOrEqual(ATTEMPT_ALLOWANCE_MS);
    expect(proxy.openConnections).toBe(1);
    await waitFor(() => pbx.stats().registrations === 1, { description: 'one binding at the PBX' });

    // the network goes away (browser host: the page's offline event), then comes back
    phone.service.connectivity.networkChanged(false);
    expect(phone.snapshot.connection?.reason?.code).toBe('network-down');
    phone.service.connectivity.networkChanged(true);
    await phone.waitFor((s) => s.connection?.state === 'registered', { description: 'registered after the network is back' });
    // a network change replaces the connection even if the old socket still looked open
    await waitFor(() => proxy!.openConnections === 1 && pbx.stats().registrations === 1, { description: 'old connection replaced' });
  }, 60_000);
});

describe('the PBX keeps a leg whose connection dropped (grace period)', () => {
  const account = (key: DemoKey): SipAccount => ({ user: DEMO_IDENTITIES[key].sipUser, password: DEMO_IDENTITIES[key].sipPassword });
  async function registered(key: DemoKey): Promise<RawSipClient> {
    const client = await RawSipClient.connect(harness!.sipUrl);
    rawClients.push(client);
    const { final } = await client.register(account(key));
    expect(final.status).toBe(200);
    return client;
  }

  it('only a new connection registered as the same ID can continue the dialog; then in-dialog requests use it', async () => {
    harness = await startPbxHarness();
    const b = await registered('B');
    const firstA = await registered('A');
    const aMedia = new WrtcAudioEndpoint(TONE_A);
    const bMedia = new WrtcAudioEndpoint(TONE_B);
    rawMedia.push(aMedia, bMedia);
    const call = await firstA.invite(account('A'), '202', await aMedia.offer());
    const invite = await b.nextRequest('INVITE');
    b.reply(invite, 200, { toTag: 'b', sdp: await bMedia.answer(invite.body) });
    const ok = await call.response(200, 299);
    await aMedia.accept(ok.body);
    call.ack2xx();
    await waitFor(() => harness!.pbx.stats().legs === 2, { description: 'established' });

    await firstA.kill();
    await waitFor(() => harness!.pbx.stats().registrations === 1, { description: "A's binding gone with its connection" });
    expect(harness.pbx.stats().calls).toBe(1); // the call waits for A

    const reinviteFrom = (client: RawSipClient, sdp: string): string => {
      call.cseq += 1;
      return client.buildRequest({
        method: 'INVITE',
        requestUri: `sip:pbx@plusphone.test;transport=ws`,
        from: call.from,
        to: call.to,
        callId: call.callId,
        cseq: call.cseq,
        body: sdp,
        withContact: true,
      }).text;
    };
    // someone else, registered as C, who learnt the dialog's identifiers: refused
    const intruder = await registered('C');
    intruder.send(reinviteFrom(intruder, await aMedia.offer()));
    expect((await intruder.nextResponse(call.callId, 'INVITE', 200)).status).toBe(481);
    // A itself, not registered yet on its new connection: refused too
    const secondA = await RawSipClient.connect(harness.sipUrl);
    rawClients.push(secondA);
    secondA.send(reinviteFrom(secondA, await aMedia.offer()));
    expect((await secondA.nextResponse(call.callId, 'INVITE', 200)).status).toBe(481);
    expect((await secondA.register(account('A'))).final.status).toBe(200);
    // A registered on the new connection: its re-INVITE continues the call
    secondA.send(reinviteFrom(secondA, await aMedia.offer()));
    const resumed = await secondA.nextResponse(call.callId, 'INVITE', 200);
    expect(resumed.status).toBe(200);
    await aMedia.accept(resumed.body);
    secondA.send(
      secondA.buildRequest({ method: 'ACK', requestUri: `sip:pbx@plusphone.test;transport=ws`, from: call.from, to: call.to, callId: call.callId, cseq: call.cseq })
        .text,
    );
    expect(harness.pbx.stats()).toMatchObject({ calls: 1, legs: 2 });

    // B hangs up: the BYE for A goes out on A's new connection
    b.send(
      b.buildRequest({
        method: 'BYE',
        requestUri: String(invite.header('contact') ?? '').replace(/^.*<|>.*$/g, '') || `sip:pbx@plusphone.test;transport=ws`,
        from: `${invite.header('to') ?? ''};tag=b`,
        to: invite.header('from') ?? '',
        callId: invite.callId,
        cseq: 1,
      }).text,
    );
    const bye = await secondA.nextRequest('BYE', call.callId);
    secondA.reply(bye, 200);
    await waitFor(() => harness!.pbx.stats().calls === 0 && harness!.pbx.stats().peerConnections === 0, { description: 'call released' });
  });
});
