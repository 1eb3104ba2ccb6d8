/**
 * Calls through the PBX's B2BUA with real WebRTC media: raw SIP clients, each with its own wrtc
 * peer connection, talk to the PBX, which anchors one peer connection per leg and bridges audio.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_IDENTITIES, type DemoKey } from '../support/demo-directory.js';
import { heardTone } from '../support/heard-audio.js';
import { startPbxHarness, type PbxHarness } from '../support/pbx-harness.js';
import { RawSipClient, type OutgoingCall, type SipAccount } from '../support/raw-sip-client.js';
import { answeredCall } from '../support/raw-pbx-parties.js';
import { waitFor } from '../support/wait-for.js';
import { WrtcAudioEndpoint } from '../support/wrtc-audio-endpoint.js';
import { type SipRequest } from '../../src-server/pbx/sip/message.js';

const account = (key: DemoKey): SipAccount => ({ user: DEMO_IDENTITIES[key].sipUser, password: DEMO_IDENTITIES[key].sipPassword });

let harness: PbxHarness;
const clients: RawSipClient[] = [];
const endpoints: WrtcAudioEndpoint[] = [];

async function registered(key: DemoKey): Promise<RawSipClient> {
  const client = await RawSipClient.connect(harness.sipUrl);
  clients.push(client);
  const { final } = await client.register(account(key));
  expect(final.status).toBe(200);
  return client;
}

async function caller(): Promise<RawSipClient> {
  const client = await RawSipClient.connect(harness.sipUrl);
  clients.push(client);
  return client;
}

function endpoint(toneHz: number): WrtcAudioEndpoint {
  const e = new WrtcAudioEndpoint(toneHz);
  endpoints.push(e);
  return e;
}

function candidateAddresses(sdp: string): string[] {
  return sdp
    .split(/\r?\n/)
    .filter((l) => l.startsWith('a=candidate:'))
    .map((l) => l.split(' ')[4] ?? '');
}

const statsAreZero = (): boolean => {
  const s = harness.pbx.stats();
  return s.calls === 0 && s.legs === 0 && s.peerConnections === 0;
};

beforeEach(async () => {
  harness = await startPbxHarness();
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await harness.close();
  await Promise.all(endpoints.splice(0).map((e) => e.close()));
  expect(harness.pbx.stats()).toMatchObject({ calls: 0, legs: 0, peerConnections: 0, warmPeerConnections: 0 });
});

describe('a call to extension 202', () => {
  it('connects with two-way audio and tears everything down on BYE', async () => {
    const b = await registered('B');
    const a = await caller();
    const aMedia = endpoint(440);
    const bMedia = endpoint(1000);

    const offer = await aMedia.offer();
    const call = await a.invite(account('A'), '202', offer);
    const tInvite = performance.now();
    await call.response(100);
    const invite = await b.nextRequest('INVITE');
    const tInviteAtB = performance.now();

    // What B is told about the call (team brief: SIP conventions)
    expect(invite.from.uri.user).toBe('201');
    expect(invite.from.displayName).toBe('佐藤');
    expect(invite.header('p-asserted-identity')).toBe('"佐藤" <sip:201@plusphone.test>');
    expect(invite.header('p-called-party-id')).toBe('"鈴木" <sip:202@plusphone.test>');
    expect(invite.requestUri).toBe(b.contactUri);
    expect(candidateAddresses(invite.body)).toEqual(['127.0.0.1']);

    b.reply(invite, 180, { toTag: 'b-tag' });
    await call.response(180);
    const tRinging = performance.now();

    const answer = await bMedia.answer(invite.body);
    const tAnswer = performance.now();
    b.reply(invite, 200, { toTag: 'b-tag', sdp: answer });
    const ackAtB = await b.nextRequest('ACK', invite.callId);
    expect(ackAtB.toTag).toBe('b-tag');
    const ok = await call.response(200, 299);
    const tOk = performance.now();
    expect(candidateAddresses(ok.body)).toEqual(['127.0.0.1']);
    await aMedia.accept(ok.body);
    call.ack2xx();

    aMedia.startTone();
    bMedia.startTone();
    await waitFor(() => aMedia.framesReceived > 0 && bMedia.framesReceived > 0, { description: 'first audio frames both ways' });
    const tFirstAudio = performance.now();
    expect(harness.pbx.stats()).toMatchObject({ calls: 1, legs: 2, peerConnections: 2 });

    const atB = await heardTone(bMedia, 10_000);
    const atA = await heardTone(aMedia, 10_000);
    expect(Math.abs(atB.frequencyHz - 440)).toBeLessThanOrEqual(20);
    expect(Math.abs(atA.frequencyHz - 1000)).toBeLessThanOrEqual(20);
    expect(atB.rms).toBeGreaterThan(0.05);
    expect(atA.rms).toBeGreaterThan(0.05);
    // the two legs forward each other's audio inside libwebrtc: no frame went through JavaScript
    expect(harness.pbx.stats().legFramesIntoJs).toBe(0);

    expect((await call.bye()).status).toBe(200);
    const byeAtB = await b.nextRequest('BYE', invite.callId);
    b.reply(byeAtB, 200);
    await waitFor(statsAreZero, { description: 'no call, leg or peer connection left' });

    console.info(
      `[pbx-call timing] INVITE→INVITE at callee ${(tInviteAtB - tInvite).toFixed(1)} ms, ` +
        `180 at callee→180 at caller ≤ ${(tRinging - tInviteAtB).toFixed(1)} ms, ` +
        `callee 200→caller 200 ${(tOk - tAnswer).toFixed(1)} ms, caller 200→first audio both ways ${(tFirstAudio - tOk).toFixed(1)} ms`,
    );
  });

  it('renegotiates a re-INVITE on the caller leg and keeps the audio', async () => {
    const b = await registered('B');
    const a = await caller();
    const aMedia = endpoint(440);
    const bMedia = endpoint(1000);
    const call = await a.invite(account('A'), '202', await aMedia.offer());
    const invite = await b.nextRequest('INVITE');
    b.reply(invite, 200, { toTag: 'b1', sdp: await bMedia.answer(invite.body) });
    const ok = await call.response(200, 299);
    await aMedia.accept(ok.body);
    call.ack2xx();
    bMedia.startTone();

    // ICE restart offer from the caller, as after a network change
    await aMedia.pc.setLocalDescription(await aMedia.pc.createOffer({ iceRestart: true }));
    await waitFor(() => aMedia.pc.iceGatheringState === 'complete', { description: 'gathering for the re-offer' });
    const reinviteOk = await call.reinvite(aMedia.pc.localDescription?.sdp ?? '');
    expect(reinviteOk.status).toBe(200);
    expect(candidateAddresses(reinviteOk.body)).toEqual(['127.0.0.1']);
    await aMedia.accept(reinviteOk.body);
    call.ack2xx();
    const tone = await heardTone(aMedia, 10_000);
    expect(Math.abs(tone.frequencyHz - 1000)).toBeLessThanOrEqual(20);
    expect(b.pending().filter((m) => m.kind === 'request' && m.method === 'INVITE')).toHaveLength(0); // B never saw it

    await call.bye();
    b.reply(await b.nextRequest('BYE'), 200);
    await waitFor(statsAreZero, { description: 'call released' });
  });
});

describe('established calls', () => {
  async function establish(): Promise<{ b: RawSipClient; call: OutgoingCall; aMedia: WrtcAudioEndpoint; bMedia: WrtcAudioEndpoint }> {
    const b = await registered('B');
    const a = await caller();
    const aMedia = endpoint(440);
    const bMedia = endpoint(1000);
    const { call } = await answeredCall(a, aMedia, b, bMedia, 'b1');
    return { b, call, aMedia, bMedia };
  }

  it('answers an offerless re-INVITE with an offer and takes the answer from the ACK', async () => {
    const { b, call, aMedia } = await establish();
    const ok = await call.reinvite('');
    expect(`${ok.status} ${ok.reason}`).toBe('200 OK');
    expect(candidateAddresses(ok.body)).toEqual(['127.0.0.1']);
    call.ack2xx(await aMedia.answer(ok.body));
    const tone = await heardTone(aMedia, 10_000);
    expect(Math.abs(tone.frequencyHz - 1000)).toBeLessThanOrEqual(20);
    await call.bye();
    b.reply(await b.nextRequest('BYE'), 200);
    await waitFor(statsAreZero, { description: 'call released' });
  });

  it('closing the PBX ends the call on both sides and leaves no peer connection', async () => {
    const { b, call } = await establish();
    await harness.close();
    expect(b.log.some((m) => m.kind === 'request' && m.method === 'BYE')).toBe(true);
    expect(call.client.log.some((m) => m.kind === 'request' && m.method === 'BYE' && m.callId === call.callId)).toBe(true);
    expect(harness.pbx.stats()).toMatchObject({ calls: 0, legs: 0, peerConnections: 0, registrations: 0, connections: 0 });
  });
});

describe('a call to number 2 (営業部)', () => {
  it('rings A, B and C at once; C answers; A and B are cancelled as completed elsewhere', async () => {
    const ringing = { A: await registered('A'), B: await registered('B'), C: await registered('C') };
    const dClient = await caller();
    const dMedia = endpoint(440);
    const call = await dClient.invite(account('D'), '03-5555-0200', await dMedia.offer());
    const invites = new Map<string, SipRequest>();
    for (const [key, client] of Object.entries(ringing)) {
      const invite = await client.nextRequest('INVITE');
      expect(invite.header('p-called-party-id')).toBe('"営業部" <sip:0355550200@plusphone.test>');
      expect(invite.from.uri.user).toBe('204');
      client.reply(invite, 180, { toTag: `t-${key}` });
      invites.set(key, invite);
    }
    await call.response(180);
    expect(harness.pbx.stats()).toMatchObject({ calls: 1, legs: 4 });

    const cMedia = endpoint(1000);
    const cInvite = invites.get('C') as SipRequest;
    ringing.C.reply(cInvite, 200, { toTag: 't-C', sdp: await cMedia.answer(cInvite.body) });
    for (const key of ['A', 'B'] as const) {
      const cancel = await ringing[key].nextRequest('CANCEL');
      expect(cancel.header('reason')).toBe('SIP;cause=200;text="Call completed elsewhere"');
      const invite = invites.get(key) as SipRequest;
      ringing[key].reply(cancel, 200);
      ringing[key].reply(invite, 487, { toTag: `t-${key}` });
      const ack = await ringing[key].nextRequest('ACK', invite.callId);
      expect(ack.branch).toBe(invite.branch); // the ACK of a non-2xx belongs to the INVITE transaction
    }
    const ok = await call.response(200, 299);
    await dMedia.accept(ok.body);
    call.ack2xx();
    await waitFor(() => harness.pbx.stats().legs === 2, { description: 'cancelled legs released' });

    await call.bye();
    ringing.C.reply(await ringing.C.nextRequest('BYE'), 200);
    await waitFor(statsAreZero, { description: 'call released' });
  });
});

describe('calls that do not connect', () => {
  it('caller CANCEL while ringing: 487 to the caller, CANCEL to the callee', async () => {
    const b = await registered('B');
    const a = await caller();
    const call = await a.invite(account('A'), '202', await endpoint(440).offer());
    const invite = await b.nextRequest('INVITE');
    b.reply(invite, 180, { toTag: 'b' });
    await call.response(180);
    call.cancel();
    expect((await a.nextResponse(call.callId, 'CANCEL', 200)).status).toBe(200);
    const terminated = await call.response(487);
    call.ackNon2xx(terminated);
    const cancel = await b.nextRequest('CANCEL', invite.callId);
    b.reply(cancel, 200);
    b.reply(invite, 487, { toTag: 'b' });
    await waitFor(statsAreZero, { description: 'call released' });
  });

  it('caller BYE in the early dialog: 200 to the BYE, 487 to the INVITE, CANCEL to the callee (RFC 3261 §15.1.2)', async () => {
    const b = await registered('B');
    const a = await caller();
    const call = await a.invite(account('A'), '202', await endpoint(440).offer());
    const invite = await b.nextRequest('INVITE');
    b.reply(invite, 180, { toTag: 'b' });
    await call.response(180);
    const inviteCseq = call.cseq;
    expect((await call.bye()).status).toBe(200);
    const terminated = await a.nextResponse(call.callId, 'INVITE', 300);
    expect(terminated).toMatchObject({ status: 487, cseq: inviteCseq, toTag: call.toTag });
    const cancel = await b.nextRequest('CANCEL', invite.callId);
    b.reply(cancel, 200);
    b.reply(invite, 487, { toTag: 'b' });
    await waitFor(statsAreZero, { description: 'call released' });
  });

  it('a CANCEL before any provisional from the callee waits for one (RFC 3261 §9.1)', async () => {
    const b = await registered('B');
    const a = await caller();
    const call = await a.invite(account('A'), '202', await endpoint(440).offer());
    const invite = await b.nextRequest('INVITE');
    call.cancel();
    await call.response(487);
    expect(b.pending().some((m) => m.kind === 'request' && m.method === 'CANCEL')).toBe(false);
    b.reply(invite, 100);
    const cancel = await b.nextRequest('CANCEL', invite.callId);
    b.reply(cancel, 200);
    b.reply(invite, 487, { toTag: 'b' });
    await waitFor(statsAreZero, { description: 'call released' });
  });

  it('busy callee: 486 to the caller', async () => {
    const b = await registered('B');
    const a = await caller();
    const call = await a.invite(account('A'), '202', await endpoint(440).offer());
    const invite = await b.nextRequest('INVITE');
    b.reply(invite, 486, { toTag: 'b' });
    await b.nextRequest('ACK', invite.callId);
    expect((await call.response(400, 699)).status).toBe(486);
    await waitFor(statsAreZero, { description: 'call released' });
  });

  it("404 for an unknown number, 480 when nobody is registered (also at another tenant's direct number, an outside call)", async () => {
    const a = await caller();
    for (const [dialled, status] of [
      ['299', 404],
      ['203', 480],
      ['05039990001', 480],
    ] as const) {
      const call = await a.invite(account('A'), dialled, await endpoint(440).offer());
      expect((await call.response(400, 699)).status).toBe(status);
    }
    expect(statsAreZero()).toBe(true);
  });

  it('a wrong password for INVITE gets 403', async () => {
    const a = await caller();
    const call = await a.invite({ user: account('A').user, password: 'nope' }, '202', await endpoint(440).offer());
    expect((await call.response(400, 699)).status).toBe(403);
  });

  it('no answer: 480 to the caller and CANCEL to the callee after the timeout', async () => {
    await harness.close();
    harness = await startPbxHarness({ noAnswerTimeoutMs: 300 });
    const b = await registered('B');
    const a = await caller();
    const call: OutgoingCall = await a.invite(account('A'), '202', await endpoint(440).offer());
    const invite = await b.nextRequest('INVITE');
    b.reply(invite, 180, { toTag: 'b' });
    expect((await call.response(400, 699)).status).toBe(480);
    const cancel = await b.nextRequest('CANCEL', invite.callId);
    b.reply(cancel, 200);
    b.reply(invite, 487, { toTag: 'b' });
    await waitFor(statsAreZero, { description: 'call released' });
  });

  it("the callee's socket dying mid-call ends the call with a BYE to the caller (once its grace period is over)", async () => {
    await harness.close();
    harness = await startPbxHarness({ legReconnectGraceMs: 300 });
    const b = await registered('B');
    const a = await caller();
    const aMedia = endpoint(440);
    const call = await a.invite(account('A'), '202', await aMedia.offer());
    const invite = await b.nextRequest('INVITE');
    b.reply(invite, 200, { toTag: 'b', sdp: await endpoint(1000).answer(invite.body) });
    const ok = await call.response(200, 299);
    await aMedia.accept(ok.body);
    call.ack2xx();
    await waitFor(() => harness.pbx.stats().legs === 2, { description: 'established' });
    await b.kill();
    const bye = await a.nextRequest('BYE', call.callId);
    a.reply(bye, 200);
    await waitFor(statsAreZero, { description: 'call released' });
    expect(harness.pbx.stats().registrations).toBe(0);
  });
});
