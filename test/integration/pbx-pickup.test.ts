/**
 * Call pickup (issue 4 point 5): while a call rings on a colleague's phone, dialling the group
 * pickup code (`*8`) or the directed code (`**` + extension) answers it on the picker's phone; the
 * ringing devices get CANCEL "Call completed elsewhere". Raw SIP clients with real wrtc media.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_IDENTITIES, type DemoKey } from '../support/demo-directory.js';
import { startPbxHarness, type PbxHarness } from '../support/pbx-harness.js';
import { type OutgoingCall, type RawSipClient } from '../support/raw-sip-client.js';
import { demoAccount as account, hears, RawPbxParties } from '../support/raw-pbx-parties.js';
import { waitFor } from '../support/wait-for.js';
import { type WrtcAudioEndpoint } from '../support/wrtc-audio-endpoint.js';
import { type PbxCallRecord } from '../../src-server/pbx/b2bua/call-record.js';
import { type SipRequest } from '../../src-server/pbx/sip/message.js';

const COMPLETED_ELSEWHERE = 'SIP;cause=200;text="Call completed elsewhere"';
const TIMEOUT = 20_000;
/** wrtc on a loaded 2-core machine is slow: a test may take several waits' worth */
const TEST_TIMEOUT = 120_000;

let harness: PbxHarness;
const records: PbxCallRecord[] = [];
const parties = new RawPbxParties(() => harness.sipUrl);
const connect = (): Promise<RawSipClient> => parties.connect();
const registered = (key: DemoKey): Promise<RawSipClient> => parties.registered(key);
const endpoint = (toneHz: number): WrtcAudioEndpoint => parties.playingEndpoint(toneHz);

/** A calls `dialled`; the device(s) ring (180) and A hears that it rings. */
async function ringing(a: RawSipClient, aMedia: WrtcAudioEndpoint, dialled: string, devices: RawSipClient[]): Promise<{ call: OutgoingCall; invites: SipRequest[] }> {
  const call = await a.invite(account('A'), dialled, await aMedia.offer());
  const invites: SipRequest[] = [];
  for (const [i, device] of devices.entries()) {
    const invite = await device.nextRequest('INVITE', undefined, TIMEOUT);
    device.reply(invite, 180, { toTag: `ring${i}` });
    invites.push(invite);
  }
  await call.response(180, 180, TIMEOUT);
  return { call, invites };
}

/** The picker dials the code; its INVITE is answered at once. */
async function pickUp(picker: RawSipClient, key: DemoKey, code: string, media: WrtcAudioEndpoint): Promise<OutgoingCall> {
  const pick = await picker.invite(account(key), code, await media.offer());
  const ok = await pick.response(200, 299, TIMEOUT);
  await media.accept(ok.body);
  pick.ack2xx();
  return pick;
}

/** A ringing device is told to stop: CANCEL with the "completed elsewhere" reason, then 487. */
async function cancelledElsewhere(device: RawSipClient, invite: SipRequest, toTag: string): Promise<void> {
  const cancel = await device.nextRequest('CANCEL', invite.callId, TIMEOUT);
  expect(cancel.header('reason')).toBe(COMPLETED_ELSEWHERE);
  device.reply(cancel, 200);
  device.reply(invite, 487, { toTag });
  await device.nextRequest('ACK', invite.callId, TIMEOUT);
}

const statsAreZero = (): boolean => {
  const s = harness.pbx.stats();
  return s.calls === 0 && s.legs === 0 && s.peerConnections === 0;
};

async function hangUpBoth(caller: OutgoingCall, picker: RawSipClient, pick: OutgoingCall): Promise<void> {
  expect((await caller.bye()).status).toBe(200);
  picker.reply(await picker.nextRequest('BYE', pick.callId, TIMEOUT), 200);
  await waitFor(statsAreZero, { description: 'everything released', timeoutMs: TIMEOUT });
}

beforeEach(async () => {
  records.length = 0;
  harness = await startPbxHarness({ onCallEnded: (record) => records.push(record) });
});

afterEach(async () => {
  await parties.closeClients();
  await harness.close();
  await parties.closeEndpoints();
  expect(harness.pbx.stats()).toMatchObject({ calls: 0, legs: 0, peerConnections: 0 });
});

describe('group pickup (*8)', { timeout: TEST_TIMEOUT }, () => {
  it("C answers A's call ringing on B: B's device is cancelled, A and C hear each other", async () => {
    const b = await registered('B');
    const [a, c] = [await connect(), await connect()];
    const [aMedia, cMedia] = [endpoint(440), endpoint(1500)];
    const { call, invites } = await ringing(a, aMedia, '202', [b]);

    const offer = await cMedia.offer();
    const tPick = performance.now();
    const pick = await c.invite(account('C'), '*8', offer);
    const picked = await pick.response(200, 299, TIMEOUT);
    const tPicked = performance.now();
    // the picker's phone learns whom it talks to (A), not the feature code it dialled
    expect(picked.header('p-asserted-identity')).toContain(`sip:${DEMO_IDENTITIES.A.extension}@`);
    await cMedia.accept(picked.body);
    pick.ack2xx();
    await cancelledElsewhere(b, invites[0]!, 'ring0');
    const ok = await call.response(200, 299, TIMEOUT);
    // and A's phone learns who answered: C
    expect(ok.header('p-asserted-identity')).toContain(`sip:${DEMO_IDENTITIES.C.extension}@`);
    console.info(`[pbx-pickup timing] *8 INVITE (with the 407 round) → 200 OK to the picker ${(tPicked - tPick).toFixed(1)} ms`);
    await aMedia.accept(ok.body);
    call.ack2xx();

    await hears(aMedia, 1500, 'A hears C');
    await hears(cMedia, 440, 'C hears A');
    await hangUpBoth(call, c, pick);
    // the call log: A's call to B, answered by C
    expect(records).toEqual([
      expect.objectContaining({ kind: 'internal', callerIdId: DEMO_IDENTITIES.A.idId, calleeIdIds: [DEMO_IDENTITIES.B.idId], outcome: 'answered', answeredByIdId: DEMO_IDENTITIES.C.idId }),
    ]);
  });

  it('every device of a ring set is cancelled when a colleague picks up a company-number call', async () => {
    const [b, c] = [await registered('B'), await registered('C')];
    const [a, e] = [await connect(), await connect()];
    const [aMedia, eMedia] = [endpoint(440), endpoint(1200)];
    // 営業部 (A, B, C) called by A rings B and C; E (in 代表 with them) picks it up
    const { call, invites } = await ringing(a, aMedia, '0355550200', [b, c]);
    const pick = await pickUp(e, 'E', '*8', eMedia);
    await cancelledElsewhere(b, invites[0]!, 'ring0');
    await cancelledElsewhere(c, invites[1]!, 'ring1');
    const ok = await call.response(200, 299, TIMEOUT);
    await aMedia.accept(ok.body);
    call.ack2xx();
    await hears(eMedia, 440, 'E hears A');
    await hangUpBoth(call, e, pick);
  });

  it('with nothing ringing answers 404 with a reason', async () => {
    const c = await connect();
    const pick = await c.invite(account('C'), '*8', await endpoint(1500).offer());
    const refused = await pick.response(400, 699, TIMEOUT);
    expect(`${refused.status} ${refused.reason}`).toBe('404 No Call To Pick Up');
    pick.ackNon2xx(refused);
  });
});

describe('directed pickup (** + extension)', { timeout: TEST_TIMEOUT }, () => {
  it("D answers the call ringing on extension 202 and hears A", async () => {
    const b = await registered('B');
    const [a, d] = [await connect(), await connect()];
    const [aMedia, dMedia] = [endpoint(440), endpoint(1200)];
    const { call, invites } = await ringing(a, aMedia, '202', [b]);

    const pick = await pickUp(d, 'D', '**202', dMedia);
    await cancelledElsewhere(b, invites[0]!, 'ring0');
    const ok = await call.response(200, 299, TIMEOUT);
    await aMedia.accept(ok.body);
    call.ack2xx();
    await hears(dMedia, 440, 'D hears A');
    await hears(aMedia, 1200, 'A hears D');
    await hangUpBoth(call, d, pick);
  });

  it('refuses an unknown extension and a call the picker makes itself, and the call keeps ringing', async () => {
    const b = await registered('B');
    const a = await connect();
    const aMedia = endpoint(440);
    const { call, invites } = await ringing(a, aMedia, '202', [b]);
    const a2 = await connect(); // A's second line
    for (const [code, reason] of [
      ['**299', '404 No Such Extension'],
      ['**202', '404 No Call To Pick Up'],
    ] as const) {
      const pick = await a2.invite(account('A'), code, await endpoint(500).offer());
      const refused = await pick.response(400, 699, TIMEOUT);
      expect(`${refused.status} ${refused.reason}`).toBe(reason);
      pick.ackNon2xx(refused);
    }
    call.cancel();
    call.ackNon2xx(await call.response(487, 487, TIMEOUT));
    const cancel = await b.nextRequest('CANCEL', invites[0]!.callId, TIMEOUT);
    b.reply(cancel, 200);
    b.reply(invites[0]!, 487, { toTag: 'ring0' });
    await waitFor(statsAreZero, { description: 'everything released', timeoutMs: TIMEOUT });
  });
});
