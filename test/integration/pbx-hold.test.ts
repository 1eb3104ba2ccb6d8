/**
 * Issue 4 point 7, hold: a re-INVITE to sendonly / inactive is answered recvonly / inactive, the
 * other party hears the PBX's music on hold (recognised by its notes), and resuming (sendrecv)
 * gives both their two-way audio back. Raw SIP over WebSocket, real media on @roamhq/wrtc.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitForMusicOnHold, waitForTone } from '../support/heard-audio.js';
import { startPbxHarness, type PbxHarness } from '../support/pbx-harness.js';
import { answeredCall, RawPbxParties } from '../support/raw-pbx-parties.js';
import { SipDialogPeer } from '../support/sip-dialog-peer.js';
import { waitFor } from '../support/wait-for.js';
import { type WrtcAudioEndpoint } from '../support/wrtc-audio-endpoint.js';
import { audioDirection } from '../../src-server/pbx/media/sdp-direction.js';

let harness: PbxHarness;
const parties = new RawPbxParties(() => harness.sipUrl);

beforeEach(async () => {
  harness = await startPbxHarness();
});

afterEach(async () => {
  await parties.closeClients();
  await harness.close();
  await parties.closeEndpoints();
});

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
    const b = await parties.registered('B');
    const a = await parties.connect();
    const aMedia = parties.endpoint(440);
    const bMedia = parties.endpoint(1000);
    const { call, invite } = await answeredCall(a, aMedia, b, bMedia, 'b-hold');
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
