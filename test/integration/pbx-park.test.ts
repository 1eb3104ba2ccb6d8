/**
 * Issue 4 point 4, call park: REFER to *7 / *71–*78 parks the remote party (sipfrag NOTIFYs of
 * RFC 3515), it hears music on hold, any ID of the tenant retrieves it by dialling the slot code
 * (two-way audio checked by tone frequency), an empty slot is 404, a taken slot refuses with a
 * 486 sipfrag and the call stays, a parked party that hangs up frees its slot, the recall rings
 * the parker after the tenant's recall time, and a parked outside caller keeps its channel.
 * Raw SIP over WebSocket and real media on @roamhq/wrtc.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createDemoDirectory, DEMO_IDENTITIES, type DemoKey } from '../support/demo-directory.js';
import { waitForMusicOnHold, waitForTone } from '../support/heard-audio.js';
import { startPbxHarness, type PbxHarness } from '../support/pbx-harness.js';
import { RawSipClient, type OutgoingCall, type SipAccount } from '../support/raw-sip-client.js';
import { SipDialogPeer } from '../support/sip-dialog-peer.js';
import { rms, toFloat } from '../support/tone-analysis.js';
import { waitFor } from '../support/wait-for.js';
import { WrtcAudioEndpoint } from '../support/wrtc-audio-endpoint.js';
import { type PbxDirectory } from '../../src-server/pbx/directory.js';
import { type SipRequest } from '../../src-server/pbx/sip/message.js';

const account = (key: DemoKey): SipAccount => ({ user: DEMO_IDENTITIES[key].sipUser, password: DEMO_IDENTITIES[key].sipPassword });
const SLOT = (code: string): string => `sip:${code}@plusphone.test`;

let harness: PbxHarness | undefined;
const clients: RawSipClient[] = [];
const endpoints: WrtcAudioEndpoint[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await harness?.close();
  harness = undefined;
  await Promise.all(endpoints.splice(0).map((e) => e.close()));
});

/** The demo directory with the tenants' park recall time set (what the store's v5 column gives). */
function directoryWithRecall(seconds: number): PbxDirectory {
  const base = createDemoDirectory();
  return {
    sipDomain: base.sipDomain,
    findIdentityBySipUser: (sipUser) => base.findIdentityBySipUser(sipUser),
    findNumberOwner: (digits) => base.findNumberOwner(digits),
    tenantDirectory: (tenantId) => {
      const tenant = base.tenantDirectory(tenantId);
      return tenant && { ...tenant, parkRecallSeconds: seconds };
    },
  };
}

async function start(recallSeconds = 180): Promise<PbxHarness> {
  harness = await startPbxHarness({ directory: directoryWithRecall(recallSeconds), pstnTiming: { ringAfterMs: 10, answerAfterMs: 10 } });
  return harness;
}

async function registered(key: DemoKey): Promise<RawSipClient> {
  const client = await RawSipClient.connect(harness!.sipUrl);
  clients.push(client);
  expect((await client.register(account(key))).final.status).toBe(200);
  return client;
}

function endpoint(toneHz: number): WrtcAudioEndpoint {
  const e = new WrtcAudioEndpoint(toneHz);
  endpoints.push(e);
  e.startTone();
  return e;
}

/** Answer an INVITE from the PBX with `media`; resolves on the PBX's ACK. */
async function answer(client: RawSipClient, invite: SipRequest, media: WrtcAudioEndpoint, toTag: string): Promise<SipDialogPeer> {
  client.reply(invite, 200, { toTag, sdp: await media.answer(invite.body) });
  await client.nextRequest('ACK', invite.callId);
  return SipDialogPeer.ofAnswered(client, invite, toTag);
}

/** `from` calls `dialled` and `to` answers: an established call with tones both ways. */
async function establish(
  from: RawSipClient,
  fromKey: DemoKey,
  fromMedia: WrtcAudioEndpoint,
  to: RawSipClient,
  toMedia: WrtcAudioEndpoint,
  dialled: string,
): Promise<{ call: OutgoingCall; caller: SipDialogPeer; callee: SipDialogPeer }> {
  const call = await from.invite(account(fromKey), dialled, await fromMedia.offer());
  const invite = await to.nextRequest('INVITE');
  const callee = await answer(to, invite, toMedia, `t${Math.random().toString(16).slice(2, 8)}`);
  const ok = await call.response(200, 299);
  await fromMedia.accept(ok.body);
  call.ack2xx();
  return { call, caller: SipDialogPeer.ofCaller(call), callee };
}

/** Dial a slot code from `client`: the final response, and the call (ACKed if 2xx). */
async function dialSlot(client: RawSipClient, key: DemoKey, media: WrtcAudioEndpoint, code: string): Promise<{ status: number; call: OutgoingCall }> {
  const call = await client.invite(account(key), code, await media.offer());
  const final = await call.response(200, 699, 15_000);
  if (final.status < 300) {
    await media.accept(final.body);
    call.ack2xx();
  } else {
    call.ackNon2xx(final);
  }
  return { status: final.status, call };
}

/** The sipfrag NOTIFYs after a REFER, answered 200; their status lines. */
async function sipfrags(peer: SipDialogPeer, count: number): Promise<SipRequest[]> {
  const notifies: SipRequest[] = [];
  for (let i = 0; i < count; i++) notifies.push(await peer.receive('NOTIFY'));
  return notifies;
}

const idle = (h: PbxHarness) => (): boolean => {
  const s = h.pbx.stats();
  return s.calls === 0 && s.legs === 0 && s.peerConnections === 0 && s.channelsInUse === 0;
};

describe('call park', () => {
  it('A parks B in *71 (sipfrag NOTIFYs); B hears music on hold; C retrieves it with two-way audio; an empty slot is 404; parked again and retrieved by D', async () => {
    const h = await start();
    const a = await registered('A');
    const b = await registered('B');
    const c = await registered('C');
    const aMedia = endpoint(440);
    const bMedia = endpoint(1000);
    const { caller: aDialog } = await establish(a, 'A', aMedia, b, bMedia, '202');
    await waitForTone(bMedia, 440);

    const referred = await aDialog.refer(SLOT('*71'));
    expect(referred.status).toBe(202);
    const [trying, done] = await sipfrags(aDialog, 2);
    for (const notify of [trying!, done!]) {
      expect(notify.header('event')).toMatch(/^refer(;id=\d+)?$/);
      expect(notify.contentType).toBe('message/sipfrag;version=2.0');
    }
    expect(trying!.body.trim()).toBe('SIP/2.0 100 Trying');
    expect(trying!.header('subscription-state')).toMatch(/^active/);
    expect(done!.body.trim()).toBe('SIP/2.0 200 OK');
    expect(done!.header('subscription-state')).toMatch(/^terminated/);
    expect((await aDialog.bye()).status).toBe(200);

    // B waits in the slot with music on hold; its own dialog was never touched
    await waitForMusicOnHold(bMedia);
    expect(b.pending().filter((m) => m.kind === 'request' && m.method !== 'NOTIFY')).toHaveLength(0);

    // C dials the slot code: connected to B, both hear each other
    const cMedia = endpoint(1400);
    const retrieved = await dialSlot(c, 'C', cMedia, '*71');
    expect(retrieved.status).toBe(200);
    await waitForTone(cMedia, 1000);
    await waitForTone(bMedia, 1400);

    // the slot is free again: dialling it (or another empty slot) is 404
    const dMedia = endpoint(700);
    const d = await registered('D');
    expect((await dialSlot(d, 'D', dMedia, '*71')).status).toBe(404);
    expect((await dialSlot(d, 'D', dMedia, '*78')).status).toBe(404);

    // a retrieved party can be parked again (it moves on from the retrieval call) and retrieved by D
    const cDialog = SipDialogPeer.ofCaller(retrieved.call);
    expect((await cDialog.refer(SLOT('*72'))).status).toBe(202);
    expect((await sipfrags(cDialog, 2)).map((n) => n.body.trim())).toEqual(['SIP/2.0 100 Trying', 'SIP/2.0 200 OK']);
    expect((await cDialog.bye()).status).toBe(200);
    await waitForMusicOnHold(bMedia);
    const again = await dialSlot(d, 'D', dMedia, '*72');
    expect(again.status).toBe(200);
    await waitForTone(dMedia, 1000);
    await waitForTone(bMedia, 700);

    expect((await SipDialogPeer.ofCaller(again.call).bye()).status).toBe(200);
    await b.nextRequest('BYE').then((bye) => b.reply(bye, 200));
    await waitFor(idle(h), { description: `PBX idle (${JSON.stringify(h.pbx.stats())})` });
  });

  it('a taken slot gives a 486 sipfrag and the call stays; a parked party that hangs up frees its slot', async () => {
    const h = await start();
    const a = await registered('A');
    const b = await registered('B');
    const c = await registered('C');
    const d = await registered('D');
    const aMedia = endpoint(440);
    const bMedia = endpoint(1000);
    const { caller: aDialog, callee: bDialog } = await establish(a, 'A', aMedia, b, bMedia, '202');
    expect((await aDialog.refer(SLOT('*7'))).status).toBe(202); // the first free slot: *71
    expect((await sipfrags(aDialog, 2)).map((n) => n.body.trim())).toEqual(['SIP/2.0 100 Trying', 'SIP/2.0 200 OK']);
    // A does not hang up by itself: the PBX does, shortly after
    await a.nextRequest('BYE', aDialog.callId).then((bye) => a.reply(bye, 200));

    // C calls D and tries to park D in the taken *71: refused, C and D still talk
    const cMedia = endpoint(1400);
    const dMedia = endpoint(700);
    const { caller: cDialog, callee: dDialog } = await establish(c, 'C', cMedia, d, dMedia, '204');
    expect((await cDialog.refer(SLOT('*71'))).status).toBe(202);
    const refused = await sipfrags(cDialog, 2);
    expect(refused.map((n) => n.body.trim())).toEqual(['SIP/2.0 100 Trying', 'SIP/2.0 486 Busy Here']);
    expect(refused[1]!.header('subscription-state')).toMatch(/^terminated/);
    await waitForTone(dMedia, 1400);
    await waitForTone(cMedia, 700);

    // B (parked) hangs up: *71 is free, so C can park D there now
    await waitForMusicOnHold(bMedia);
    expect((await bDialog.bye()).status).toBe(200);
    await waitFor(() => h.pbx.stats().peerConnections === 2, { description: 'the parked leg released' });
    expect((await cDialog.refer(SLOT('*71'))).status).toBe(202);
    expect((await sipfrags(cDialog, 2)).map((n) => n.body.trim())).toEqual(['SIP/2.0 100 Trying', 'SIP/2.0 200 OK']);
    expect((await cDialog.bye()).status).toBe(200);
    await waitForMusicOnHold(dMedia);
    expect((await dDialog.bye()).status).toBe(200);
    await waitFor(idle(h), { description: `PBX idle (${JSON.stringify(h.pbx.stats())})` });
  });

  it('recall: after the recall time A rings while B hears music on hold; unanswered B goes back to the slot; answered, two-way audio', async () => {
    const h = await start(2);
    const a = await registered('A');
    const b = await registered('B');
    const aMedia = endpoint(440);
    const bMedia = endpoint(1000);
    const { caller: aDialog } = await establish(a, 'A', aMedia, b, bMedia, '202');
    const parkedAt = Date.now();
    expect((await aDialog.refer(SLOT('*73'))).status).toBe(202);
    expect((await sipfrags(aDialog, 2)).map((n) => n.body.trim())).toEqual(['SIP/2.0 100 Trying', 'SIP/2.0 200 OK']);
    expect((await aDialog.bye()).status).toBe(200);

    // the recall rings A, from B, saying what it is
    const recall = await a.nextRequest('INVITE', undefined, 15_000);
    expect(Date.now() - parkedAt).toBeGreaterThanOrEqual(1_900);
    expect(recall.from.uri.user).toBe('202');
    expect(recall.header('p-called-party-id')).toContain('*73');
    a.reply(recall, 180, { toTag: 'r1' });
    await waitForMusicOnHold(bMedia); // still music while it rings
    a.reply(recall, 486, { toTag: 'r1' }); // A is busy: B goes back to *73
    await a.nextRequest('ACK', recall.callId);

    // recalled again after the recall time; this time A answers and they talk
    const again = await a.nextRequest('INVITE', undefined, 15_000);
    const aMedia2 = endpoint(1400);
    const aAgain = await answer(a, again, aMedia2, 'r2');
    await waitForTone(aMedia2, 1000);
    await waitForTone(bMedia, 1400);
    // nothing is parked any more: *73 is empty
    const c = await registered('C');
    expect((await dialSlot(c, 'C', endpoint(700), '*73')).status).toBe(404);

    expect((await aAgain.bye()).status).toBe(200);
    await b.nextRequest('BYE').then((bye) => b.reply(bye, 200));
    await waitFor(idle(h), { description: `PBX idle (${JSON.stringify(h.pbx.stats())})` });
  });

  it('closing the PBX hangs up a parked party and leaves no peer connection', async () => {
    const h = await start();
    const a = await registered('A');
    const b = await registered('B');
    const { caller: aDialog } = await establish(a, 'A', endpoint(440), b, endpoint(1000), '202');
    expect((await aDialog.refer(SLOT('*75'))).status).toBe(202);
    expect((await sipfrags(aDialog, 2)).map((n) => n.body.trim())).toEqual(['SIP/2.0 100 Trying', 'SIP/2.0 200 OK']);
    expect((await aDialog.bye()).status).toBe(200);
    await waitFor(() => h.pbx.stats().peerConnections === 1, { description: 'only the parked leg left' });
    const byeAtB = b.nextRequest('BYE');
    await h.close();
    harness = undefined;
    expect((await byeAtB).method).toBe('BYE');
    expect(h.pbx.stats()).toMatchObject({ calls: 0, legs: 0, peerConnections: 0, channelsInUse: 0 });
  });

  it('a parked outside caller keeps its channel until it is gone; retrieved, it is heard', async () => {
    const h = await start();
    const a = await registered('A');
    const c = await registered('C');
    expect(h.pbx.placeInboundCall('090-1234-5678', '05030000001').status).toBe(180);
    const invite = await a.nextRequest('INVITE');
    expect(invite.from.uri.user).toBe('09012345678');
    const aMedia = endpoint(440);
    const aDialog = await answer(a, invite, aMedia, 'out1');
    expect(h.pbx.stats().channelsInUse).toBe(1);

    expect((await aDialog.refer(SLOT('*7'))).status).toBe(202);
    expect((await sipfrags(aDialog, 2)).map((n) => n.body.trim())).toEqual(['SIP/2.0 100 Trying', 'SIP/2.0 200 OK']);
    expect((await aDialog.bye()).status).toBe(200);
    await waitFor(() => h.pbx.stats().peerConnections === 0, { description: "A's leg released" });
    expect(h.pbx.stats().channelsInUse).toBe(1); // the outside caller still uses the line

    const cMedia = endpoint(1400);
    const retrieved = await dialSlot(c, 'C', cMedia, '*71');
    expect(retrieved.status).toBe(200);
    // the simulated caller speaks: C hears something clearly louder than silence
    await waitFor(() => {
      const samples = cMedia.recentSamples(20);
      return samples && rms(toFloat(samples)) > 0.02;
    }, { description: 'the outside caller heard', timeoutMs: 15_000 });
    expect(h.pbx.stats().channelsInUse).toBe(1);

    expect((await SipDialogPeer.ofCaller(retrieved.call).bye()).status).toBe(200);
    await waitFor(idle(h), { description: `PBX idle (${JSON.stringify(h.pbx.stats())})` });
  });
});
