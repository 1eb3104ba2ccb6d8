/**
 * Transfer done by the PBX (issue 4 point 6): a party in an established call sends REFER in its
 * dialog — to a number (blind) or with Replaces naming its other call (attended) — and the PBX
 * re-wires the remote parties, telling the transferor how it goes in sipfrag NOTIFYs (RFC 3515).
 * Raw SIP clients with real wrtc media (the SIP checked as text), then a failed transfer from the
 * softphone core itself (SIP.js Session.refer) against the real server; each party sends its own
 * tone, checked by frequency. Successful transfers between softphone cores: core-park-transfer.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_IDENTITIES, OTHER_TENANT_IDENTITY, type DemoKey } from '../support/demo-directory.js';
import { startPbxHarness, type PbxHarness } from '../support/pbx-harness.js';
import { DOMAIN, type OutgoingCall, type RawSipClient } from '../support/raw-sip-client.js';
import { demoAccount as account, hears, RawPbxParties } from '../support/raw-pbx-parties.js';
import { MIN_TONE_RMS, TONE_TOLERANCE_HZ, receivedTone } from '../support/received-tone.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { TestSoftphone } from '../support/test-softphone.js';
import { waitFor } from '../support/wait-for.js';
import { type WrtcAudioEndpoint } from '../support/wrtc-audio-endpoint.js';
import { type PbxCallRecord } from '../../src-server/pbx/b2bua/call-record.js';
import { MUSIC_ON_HOLD_NOTES_HZ } from '../../src-server/pbx/media/music-on-hold.js';
import { contactUriOf, type SipRequest, type SipResponse } from '../../src-server/pbx/sip/message.js';
import { demoId } from '../../src-server/store/demo-tenant.js';

const TONE = { A: 440, B: 1000, C: 1500 } as const;
const TIMEOUT = 20_000;
/** wrtc on a loaded 2-core machine is slow: a test may take several waits' worth */
const TEST_TIMEOUT = 120_000;

let harness: PbxHarness;
const records: PbxCallRecord[] = [];
const parties = new RawPbxParties(() => harness.sipUrl);
const connect = (): Promise<RawSipClient> => parties.connect();
const registered = (key: DemoKey): Promise<RawSipClient> => parties.registered(key);
const endpoint = (toneHz: number): WrtcAudioEndpoint => parties.playingEndpoint(toneHz);

/** A dialog with the PBX as a raw client holds it: enough to send requests inside it. */
class DialogPeer {
  constructor(
    readonly client: RawSipClient,
    readonly callId: string,
    readonly local: string,
    readonly remote: string,
    readonly target: string,
    private nextCseq: () => number,
  ) {}

  /** The caller's side of an answered OutgoingCall (its CSeq numbers stay shared with it). */
  static ofOutgoing(call: OutgoingCall): DialogPeer {
    return new DialogPeer(call.client, call.callId, call.from, call.to, `sip:pbx@${DOMAIN};transport=ws`, () => (call.cseq += 1));
  }

  /** The device side of an INVITE the PBX sent and the device answered with `toTag`. */
  static ofAnswered(client: RawSipClient, invite: SipRequest, toTag: string): DialogPeer {
    let cseq = 0;
    const to = invite.header('to') ?? '';
    return new DialogPeer(client, invite.callId, `${to};tag=${toTag}`, invite.header('from') ?? '', contactUriOf(invite.message) ?? '', () => (cseq += 1));
  }

  send(method: string, headers: string[] = []): void {
    this.client.send(
      this.client.buildRequest({ method, requestUri: this.target, from: this.local, to: this.remote, callId: this.callId, cseq: this.nextCseq(), headers }).text,
    );
  }

  async refer(referTo: string): Promise<SipResponse> {
    this.send('REFER', [`Refer-To: ${referTo}`]);
    return this.client.nextResponse(this.callId, 'REFER', 200, TIMEOUT);
  }

  /** The next NOTIFY in this dialog, answered 200: its sipfrag status line and Subscription-State. */
  async notify(): Promise<{ frag: string; state: string; event: string }> {
    const notify = await this.client.nextRequest('NOTIFY', this.callId, TIMEOUT);
    this.client.reply(notify, 200);
    return { frag: notify.body.trim(), state: notify.header('subscription-state') ?? '', event: notify.header('event') ?? '' };
  }

  /** Every NOTIFY up to the one that ends the subscription: their status lines, in order. */
  async notifiesUntilTerminated(): Promise<string[]> {
    const frags: string[] = [];
    for (;;) {
      const { frag, state } = await this.notify();
      frags.push(frag);
      if (state.startsWith('terminated')) {
        expect(state).toBe('terminated;reason=noresource');
        return frags;
      }
    }
  }

  /** The PBX hangs this dialog up: BYE answered 200. */
  async byeFromPbx(): Promise<void> {
    const bye = await this.client.nextRequest('BYE', this.callId, TIMEOUT);
    this.client.reply(bye, 200);
  }
}

/** A device answers an INVITE from the PBX (180, 200 with its SDP, waits for the ACK). */
async function answer(client: RawSipClient, invite: SipRequest, media: WrtcAudioEndpoint, toTag: string): Promise<DialogPeer> {
  client.reply(invite, 180, { toTag });
  client.reply(invite, 200, { toTag, sdp: await media.answer(invite.body) });
  await client.nextRequest('ACK', invite.callId, TIMEOUT);
  return DialogPeer.ofAnswered(client, invite, toTag);
}

/** `from` calls `dialled`, which `device` answers: both dialog ends, media connected. */
async function establish(
  from: { client: RawSipClient; key: DemoKey; media: WrtcAudioEndpoint },
  dialled: string,
  to: { client: RawSipClient; media: WrtcAudioEndpoint; tag: string },
): Promise<{ call: OutgoingCall; caller: DialogPeer; callee: DialogPeer }> {
  const call = await from.client.invite(account(from.key), dialled, await from.media.offer());
  const invite = await to.client.nextRequest('INVITE', undefined, TIMEOUT);
  const callee = await answer(to.client, invite, to.media, to.tag);
  const ok = await call.response(200, 299, TIMEOUT);
  await from.media.accept(ok.body);
  call.ack2xx();
  return { call, caller: DialogPeer.ofOutgoing(call), callee };
}

const statsAreZero = (): boolean => {
  const s = harness.pbx.stats();
  return s.calls === 0 && s.legs === 0 && s.peerConnections === 0;
};

beforeEach(async () => {
  records.length = 0;
  harness = await startPbxHarness({ pstnTiming: { ringAfterMs: 50, answerAfterMs: 100 }, onCallEnded: (record) => records.push(record) });
});

afterEach(async () => {
  await parties.closeClients();
  await harness.close();
  await parties.closeEndpoints();
  expect(harness.pbx.stats()).toMatchObject({ calls: 0, legs: 0, peerConnections: 0 });
});

describe('blind transfer (REFER to a number)', { timeout: TEST_TIMEOUT }, () => {
  it('B transfers A to extension 203: NOTIFY 100/180/200 in order, B is hung up, A and C hear each other', async () => {
    const [a, b, c] = [await connect(), await registered('B'), await registered('C')];
    const [aMedia, bMedia, cMedia] = [endpoint(TONE.A), endpoint(TONE.B), endpoint(TONE.C)];
    const { call, callee: bDialog } = await establish({ client: a, key: 'A', media: aMedia }, '202', { client: b, media: bMedia, tag: 'b1' });
    await hears(aMedia, TONE.B, 'A hears B before the transfer');

    const tRefer = performance.now();
    const accepted = await bDialog.refer(`<sip:203@${DOMAIN}>`);
    expect(`${accepted.status} ${accepted.reason}`).toBe('202 Accepted');
    expect(await bDialog.notify()).toEqual({ frag: 'SIP/2.0 100 Trying', state: expect.stringMatching(/^active;expires=\d+$/), event: expect.stringMatching(/^refer/) });

    const inviteC = await c.nextRequest('INVITE', undefined, TIMEOUT);
    const tInviteC = performance.now();
    // C sees the transferred party, A (extension 201), calling
    expect(inviteC.from.uri.user).toBe(DEMO_IDENTITIES.A.extension);
    c.reply(inviteC, 180, { toTag: 'c1' });
    expect((await bDialog.notify()).frag).toBe('SIP/2.0 180 Ringing');
    await hears(aMedia, 400, 'A hears ringback (400 Hz) while C rings');
    const answerC = await cMedia.answer(inviteC.body);
    const tAnswerC = performance.now();
    c.reply(inviteC, 200, { toTag: 'c1', sdp: answerC });
    await c.nextRequest('ACK', inviteC.callId, TIMEOUT);
    expect(await bDialog.notify()).toMatchObject({ frag: 'SIP/2.0 200 OK', state: 'terminated;reason=noresource' });
    const tNotify200 = performance.now();
    await bDialog.byeFromPbx();
    console.info(
      `[pbx-transfer timing] REFER→INVITE at the target ${(tInviteC - tRefer).toFixed(1)} ms, ` +
        `target's 200→NOTIFY 200 at the transferor ${(tNotify200 - tAnswerC).toFixed(1)} ms`,
    );

    await hears(aMedia, TONE.C, 'A hears C after the transfer');
    await hears(cMedia, TONE.A, 'C hears A after the transfer');

    expect((await call.bye()).status).toBe(200);
    c.reply(await c.nextRequest('BYE', inviteC.callId, TIMEOUT), 200);
    await waitFor(statsAreZero, { description: 'everything released', timeoutMs: TIMEOUT });
    // the call log: A→B answered (until the transfer), then the transfer leg B put A through to C
    const { A, B, C } = DEMO_IDENTITIES;
    expect(records).toEqual([
      expect.objectContaining({ kind: 'internal', callerIdId: A.idId, dialled: '202', outcome: 'answered', answeredByIdId: B.idId }),
      expect.objectContaining({ kind: 'internal', callerIdId: B.idId, callerNumber: A.extension, dialled: '203', outcome: 'answered', answeredByIdId: C.idId }),
    ]);
  });

  it('a target that is busy: NOTIFY 486, and A is connected back to B', async () => {
    const [a, b] = [await connect(), await registered('B')];
    const [aMedia, bMedia] = [endpoint(TONE.A), endpoint(TONE.B)];
    const { call, callee: bDialog } = await establish({ client: a, key: 'A', media: aMedia }, '202', { client: b, media: bMedia, tag: 'b1' });

    expect((await bDialog.refer('sip:0312340003@plusphone.test')).status).toBe(202); // the simulator's busy number
    // the simulator's busy number rings briefly, then refuses
    expect(await bDialog.notifiesUntilTerminated()).toEqual(['SIP/2.0 100 Trying', 'SIP/2.0 180 Ringing', 'SIP/2.0 486 Busy Here']);
    await hears(aMedia, TONE.B, 'A hears B again');
    await hears(bMedia, TONE.A, 'B hears A again');
    expect(b.pending().some((m) => m.kind === 'request' && m.method === 'BYE')).toBe(false);

    expect((await call.bye()).status).toBe(200);
    await bDialog.byeFromPbx();
    await waitFor(statsAreZero, { description: 'everything released', timeoutMs: TIMEOUT });
  });

  it('B hangs up right after 202 and the transfer to an outside number goes on: A reaches the echo test and holds a channel', async () => {
    const [a, b] = [await connect(), await registered('B')];
    const [aMedia, bMedia] = [endpoint(TONE.A), endpoint(TONE.B)];
    const { call, callee: bDialog } = await establish({ client: a, key: 'A', media: aMedia }, '202', { client: b, media: bMedia, tag: 'b1' });

    expect((await bDialog.refer('<sip:03-1234-0000@plusphone.test;user=phone>')).status).toBe(202);
    expect((await bDialog.notify()).frag).toBe('SIP/2.0 100 Trying');
    bDialog.send('BYE'); // as many phones do after a blind transfer's 202
    expect((await b.nextResponse(bDialog.callId, 'BYE', 200, TIMEOUT)).status).toBe(200);
    const afterBye = b.log.length;

    await hears(aMedia, TONE.A, 'A hears its own tone from the echo test number');
    expect(harness.pbx.stats().channelsInUse).toBe(1); // the outgoing outside call of the transfer
    // B is gone: nothing more is sent to it (a NOTIFY may have crossed its BYE, none comes after)
    expect(b.log.slice(afterBye).filter((m) => m.kind === 'request')).toEqual([]);

    expect((await call.bye()).status).toBe(200);
    await waitFor(statsAreZero, { description: 'everything released', timeoutMs: TIMEOUT });
    expect(harness.pbx.stats().channelsInUse).toBe(0);
  });

  it("to another tenant's number: an outside call showing the transferor's caller number, holding both tenants' channels", async () => {
    const [a, b] = [await connect(), await registered('B')];
    const other = await connect();
    expect((await other.register({ user: OTHER_TENANT_IDENTITY.sipUser, password: OTHER_TENANT_IDENTITY.sipPassword })).final.status).toBe(200);
    const [aMedia, bMedia, otherMedia] = [endpoint(TONE.A), endpoint(TONE.B), endpoint(TONE.C)];
    const { call, callee: bDialog } = await establish({ client: a, key: 'A', media: aMedia }, '202', { client: b, media: bMedia, tag: 'b1' });

    expect((await bDialog.refer('<sip:0366660100@plusphone.test>')).status).toBe(202);
    const invite = await other.nextRequest('INVITE', undefined, TIMEOUT);
    // outside the tenant the callee sees the tenant's number, never an extension
    expect(invite.from.uri.user).toBe(DEMO_IDENTITIES.B.defaultCallerNumber);
    const otherDialog = await answer(other, invite, otherMedia, 'o1');
    expect(await bDialog.notifiesUntilTerminated()).toEqual(['SIP/2.0 100 Trying', 'SIP/2.0 180 Ringing', 'SIP/2.0 200 OK']);
    await bDialog.byeFromPbx();
    await hears(aMedia, TONE.C, "A hears the other tenant's phone");
    expect(harness.pbx.stats().channelsInUse).toBe(2);

    otherDialog.send('BYE');
    await a.nextRequest('BYE', call.callId, TIMEOUT).then((bye) => a.reply(bye, 200));
    await waitFor(statsAreZero, { description: 'everything released', timeoutMs: TIMEOUT });
    expect(harness.pbx.stats().channelsInUse).toBe(0);
  });

  it('refuses a REFER it cannot read with 400 and keeps the call', async () => {
    const [a, b] = [await connect(), await registered('B')];
    const [aMedia, bMedia] = [endpoint(TONE.A), endpoint(TONE.B)];
    const { call, callee: bDialog } = await establish({ client: a, key: 'A', media: aMedia }, '202', { client: b, media: bMedia, tag: 'b1' });
    expect((await bDialog.refer('<http://example.invalid/>')).status).toBe(400);
    bDialog.send('REFER'); // no Refer-To at all
    expect((await b.nextResponse(bDialog.callId, 'REFER', 200, TIMEOUT)).status).toBe(400);
    await hears(aMedia, TONE.B, 'A still hears B');
    expect((await call.bye()).status).toBe(200);
    await bDialog.byeFromPbx();
    await waitFor(statsAreZero, { description: 'everything released', timeoutMs: TIMEOUT });
  });
});

describe('attended transfer (REFER with Replaces)', { timeout: TEST_TIMEOUT }, () => {
  it("B joins A (who called B) and C (whom B called): both of B's legs end, A and C hear each other", async () => {
    const [a, b, c] = [await connect(), await registered('B'), await registered('C')];
    const [aMedia, bMedia, cMedia] = [endpoint(TONE.A), endpoint(TONE.B), endpoint(TONE.C)];
    const first = await establish({ client: a, key: 'A', media: aMedia }, '202', { client: b, media: bMedia, tag: 'b1' });
    // B consults C on a second line (its own WebSocket and media, as a second line would have)
    const bLine2 = await connect();
    const bMedia2 = endpoint(TONE.B);
    const second = await establish({ client: bLine2, key: 'B', media: bMedia2 }, '203', { client: c, media: cMedia, tag: 'c1' });
    await hears(cMedia, TONE.B, 'C hears B');

    // SIP.js's Session.refer(otherSession): to-tag = the PBX's tag, from-tag = B's tag in that dialog
    const replaces = encodeURIComponent(`${second.call.callId};to-tag=${second.call.toTag ?? ''};from-tag=${second.call.fromTag}`);
    expect((await first.callee.refer(`"高橋" <sip:pbx@${DOMAIN};transport=ws?Replaces=${replaces}>`)).status).toBe(202);
    expect(await first.callee.notifiesUntilTerminated()).toEqual(['SIP/2.0 100 Trying', 'SIP/2.0 200 OK']);
    await first.callee.byeFromPbx();
    await second.caller.byeFromPbx();

    await hears(aMedia, TONE.C, 'A hears C');
    await hears(cMedia, TONE.A, 'C hears A');

    expect((await first.call.bye()).status).toBe(200);
    c.reply(await c.nextRequest('BYE', undefined, TIMEOUT), 200);
    await waitFor(statsAreZero, { description: 'everything released', timeoutMs: TIMEOUT });
  });

  it('Replaces naming no dialog of the PBX: NOTIFY 481, and the call goes on', async () => {
    const [a, b] = [await connect(), await registered('B')];
    const [aMedia, bMedia] = [endpoint(TONE.A), endpoint(TONE.B)];
    const { call, callee: bDialog } = await establish({ client: a, key: 'A', media: aMedia }, '202', { client: b, media: bMedia, tag: 'b1' });
    const replaces = encodeURIComponent('no-such-call@x.invalid;to-tag=1;from-tag=2');
    expect((await bDialog.refer(`<sip:203@${DOMAIN}?Replaces=${replaces}>`)).status).toBe(202);
    expect(await bDialog.notifiesUntilTerminated()).toEqual(['SIP/2.0 100 Trying', 'SIP/2.0 481 Call/Transaction Does Not Exist']);
    await hears(aMedia, TONE.B, 'A still hears B');
    expect((await call.bye()).status).toBe(200);
    await bDialog.byeFromPbx();
    await waitFor(statsAreZero, { description: 'everything released', timeoutMs: TIMEOUT });
  });
});

describe('a failed transfer made by the softphone core (SIP.js Session.refer) through the real server', { timeout: TEST_TIMEOUT }, () => {
  let server: TestServer | undefined;
  const phones: TestSoftphone[] = [];

  afterEach(async () => {
    await Promise.allSettled(phones.splice(0).map((phone) => phone.dispose()));
    await server?.close();
    server = undefined;
  });

  async function phonesAB(): Promise<{ a: TestSoftphone; b: TestSoftphone }> {
    server = await startTestServer();
    const { httpUrl } = server.server;
    const [a, b] = (['A', 'B'] as const).map((key) => {
      const phone = new TestSoftphone({ toneHz: TONE[key] });
      phones.push(phone);
      return phone;
    }) as [TestSoftphone, TestSoftphone];
    await Promise.all([a.login(httpUrl, demoId('A').directNumber, demoId('A').password), b.login(httpUrl, demoId('B').directNumber, demoId('B').password)]);
    return { a, b };
  }

  /** `from` dials `target`, `to` answers: both line ids once connected. */
  async function connect(from: TestSoftphone, target: string, to: TestSoftphone): Promise<{ fromLine: string; toLine: string }> {
    const { lineId: fromLine } = (await from.call('call.dial', { target })) as { lineId: string };
    const ringing = await to.waitForLine((line) => line.direction === 'incoming' && line.state === 'ringingIn');
    await to.call('call.answer', { lineId: ringing.id });
    await from.waitForLine((line) => line.id === fromLine && line.state === 'connected');
    return { fromLine, toLine: ringing.id };
  }

  async function expectTone(phone: TestSoftphone, hz: number): Promise<void> {
    await waitFor(
      async () => {
        const tone = await receivedTone(phone.media);
        return Math.abs(tone.frequencyHz - hz) <= TONE_TOLERANCE_HZ && tone.rms > MIN_TONE_RMS;
      },
      { description: `${hz} Hz heard`, timeoutMs: TIMEOUT },
    );
  }

  async function pbxIdle(): Promise<void> {
    const pbx = server!.server.pbx;
    await waitFor(() => {
      const stats = pbx.stats();
      return stats.calls === 0 && stats.legs === 0 && stats.peerConnections === 0;
    }, { description: 'PBX idle', timeoutMs: TIMEOUT });
  }

  it('blind to a busy number while A is held: B’s line is back on hold, A hears music on hold, then B again on resume', async () => {
    const { a, b } = await phonesAB();
    const { toLine: bLine } = await connect(a, demoId('B').extension, b);
    await b.call('call.hold', { lineId: bLine });
    await b.waitForLine((line) => line.id === bLine && line.state === 'held');

    await b.call('call.transferBlind', { lineId: bLine, target: '0312340003' }); // the simulator's busy number
    await b.waitForLine((line) => line.id === bLine && line.state === 'held', { timeoutMs: TIMEOUT });
    const notes = new Set<number>();
    await waitFor(
      async () => {
        const tone = await receivedTone(a.media);
        const note = MUSIC_ON_HOLD_NOTES_HZ.find((hz) => Math.abs(tone.frequencyHz - hz) <= TONE_TOLERANCE_HZ);
        if (tone.rms > MIN_TONE_RMS && note !== undefined) notes.add(note);
        return notes.size >= 2;
      },
      { description: 'A hears music on hold (two notes)', timeoutMs: TIMEOUT },
    );

    await b.call('call.resume', { lineId: bLine });
    await expectTone(a, TONE.B);
    await b.call('call.hangup', { lineId: bLine });
    await pbxIdle();
  });
});
