// The floor for call setup: two peer connections wired directly in this process, no SIP, no PBX.
// Both use warm connections (iceCandidatePoolSize) exactly like the media host's spare, and keep
// media on loopback like the PBX does, so the comparison is like for like.
import wrtc from '@roamhq/wrtc';
import { filterOutgoingSdp } from '../src-server/pbx/media/sdp-filter.js';
import { waitForIceGathering } from '../src-server/pbx/media/ice-gathering.js';
import { ToneSource, firstLoudFrame } from './tone-source.js';

export interface CallSetupSample {
  /** dial → the callee could ring (PBX: 180 Ringing at the caller) */
  dialToRingingMs: number;
  /** answer → first audio frame from the callee at the caller */
  answerToAudioMs: number;
}

const GATHER_TIMEOUT_MS = 2_000;

async function localSdp(pc: RTCPeerConnection): Promise<RTCSessionDescriptionInit> {
  await waitForIceGathering(pc, GATHER_TIMEOUT_MS);
  const description = pc.localDescription!;
  return { type: description.type, sdp: filterOutgoingSdp(description.sdp, 'loopback') };
}

/** A caller/callee pair created ahead of the call, so their candidate pools are gathered by then. */
export interface WarmPair {
  caller: RTCPeerConnection;
  callee: RTCPeerConnection;
}

export function createWarmPair(): WarmPair {
  const config = { iceCandidatePoolSize: 1 };
  return { caller: new wrtc.RTCPeerConnection(config), callee: new wrtc.RTCPeerConnection(config) };
}

export async function measureDirectCall({ caller, callee }: WarmPair): Promise<CallSetupSample> {
  const callerTone = new ToneSource(440);
  const calleeTone = new ToneSource(1000);
  try {
    // "dial": the caller makes its offer and it reaches the callee
    const dialAt = performance.now();
    caller.addTrack(callerTone.track, new wrtc.MediaStream([callerTone.track]));
    await caller.setLocalDescription(await caller.createOffer());
    await callee.setRemoteDescription(await localSdp(caller));
    const dialToRingingMs = performance.now() - dialAt;

    // "answer": the callee answers; time until the caller hears its first loud frame
    const heard = new Promise<number>((resolve) => {
      caller.ontrack = (event) => void firstLoudFrame(event.track).then(resolve);
    });
    const answerAt = performance.now();
    callee.addTrack(calleeTone.track, new wrtc.MediaStream([calleeTone.track]));
    await callee.setLocalDescription(await callee.createAnswer());
    await caller.setRemoteDescription(await localSdp(callee));
    const answerToAudioMs = (await heard) - answerAt;
    return { dialToRingingMs, answerToAudioMs };
  } finally {
    callerTone.stop();
    calleeTone.stop();
    // close outside any media callback (wrtc)
    await new Promise((resolve) => setImmediate(resolve));
    caller.close();
    callee.close();
  }
}
