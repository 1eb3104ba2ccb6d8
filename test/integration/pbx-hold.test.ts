/**
 * Issue 4 point 7, hold: a re-INVITE to sendonly / inactive is answered recvonly / inactive, the
 * other party hears the PBX's music on hold (recognised by its notes), and resuming (sendrecv)
 * gives both their two-way audio back. Raw SIP over WebSocket, real media on @roamhq/wrtc.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_IDENTITIES, type DemoKey } from '../support/demo-directory.js';
import { waitForMusicOnHold, waitForTone } from '../support/heard-audio.js';
import { startPbxHarness, type PbxHarness } from '../support/pbx-harness.js';
import { RawSipClient, type SipAccount } from '../support/raw-sip-client.js';
import { SipDialogPeer } from '../support/sip-dialog-peer.js';
import { waitFor } from '../support/wait-for.js';
import { WrtcAudioEndpoint } from '../support/wrtc-audio-endpoint.js';
import { audioDirection } from '../../src-server/pbx/media/sdp-direction.js';

const account = (key: DemoKey): SipAccount => ({ user: DEMO_IDENTITIES[key].sipUser, password: DEMO_IDENTITIES[key].sipPassword });

let harness: PbxHarness;
const clients: RawSipClient[] = [];
const endpoints: WrtcAudioEndpoint[] = [];

beforeEach(async () => {
  harness = await startPbxHarness();
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await harness.close();
  await Promise.all(endpoints.splice(0).map((e) => e.close()));
});

async function connect(): Promise<RawSipClient> {
  const client = await RawSipClient.connect(harness.sipUrl);
  clients.push(client);
  return client;
}

function endpoint(toneHz: number): WrtcAudioEndpoint {
  const e = new WrtcAudioEndpoint(toneHz);
  endpoints.push(e);
  return e;
}

/** A new offer from `e` with its audio direction set (hold: sendonly / inactive; resume: sendrecv). */
async function offerWith(e: WrtcAudioEndpoint, direction: RTCRtpTransceiverDirection): Promise<string> {
  const transceiver = e.pc.getTransceivers().find((t) => t.receiver.track.kind === 'audio');
  if (!transceiver) throw new Error('no audio transceiver');
  transceiver.direction = direction;
  await e.pc.setLocalDescription(await e.pc.createOffer());
  return e.pc.localDescription?.sdp ?? '';
}

describe('hold and music on hold', () => {
  it('A holds (sendonly): B hears music on hold; resume: both hear each other; B holds (inactive) likewise', async () => {
    const b = await connect();
    expect((await b.register(account('B'))).final.status).toBe(200);
    const a = await connect();
    const aMedia = endpoint(440);
    const bMedia = endpoint(1000);
    const call = await a.invite(account('A'), '202', await aMedia.offer());
    const invite = await b.nextRequest('INVITE');
    b.reply(invite, 200, { toTag: 'b-hold', sdp: await bMedia.answer(invite.body) });
    const ok = await call.response(200, 299);
    await aMedia.accept(ok.body);
    call.ack2xx();
    aMedia.startTone();
    bMedia.startTone();
    await waitForTone(bMedia, 440);
    await waitForTone(aMedia, 1000);

    // A holds: answered recvonly, and B hears the melody instead of A's 440 Hz
    const aDialog = SipDialogPeer.ofCaller(call);
    const held = await aDialog.reinvite(await offerWith(aMedia, 'sendonly'));
    expect(held.status).toBe(200);
    expect(audioDirection(held.body)).toBe('recvonly');
    await aMedia.accept(held.body);
    const notes = await waitForMusicOnHold(bMedia);
    expect(notes.length).toBeGreaterThanOrEqual(2);
    expect(b.pending().filter((m) => m.kind === 'request' && m.method === 'INVITE')).toHaveLength(0); // B's leg untouched

    // A resumes: two-way audio again
    const resumed = await aDialog.reinvite(await offerWith(aMedia, 'sendrecv'));
    expect(resumed.status).toBe(200);
    expect(audioDirection(resumed.body)).toBe('sendrecv');
    await aMedia.accept(resumed.body);
    await waitForTone(bMedia, 440);
    await waitForTone(aMedia, 1000);

    // B (the callee) holds with inactive: A hears the melody; B resumes
    const bDialog = SipDialogPeer.ofAnswered(b, invite, 'b-hold');
    const inactive = await bDialog.reinvite(await offerWith(bMedia, 'inactive'));
    expect(inactive.status).toBe(200);
    expect(audioDirection(inactive.body)).toBe('inactive');
    await bMedia.accept(inactive.body);
    await waitForMusicOnHold(aMedia);
    const back = await bDialog.reinvite(await offerWith(bMedia, 'sendrecv'));
    expect(audioDirection(back.body)).toBe('sendrecv');
    await bMedia.accept(back.body);
    await waitForTone(aMedia, 1000);
    await waitForTone(bMedia, 440);

    expect((await aDialog.bye()).status).toBe(200);
    b.reply(await b.nextRequest('BYE', invite.callId), 200);
    await waitFor(() => {
      const s = harness.pbx.stats();
      return s.calls === 0 && s.legs === 0 && s.peerConnections === 0;
    }, { description: 'call released' });
  });
});
