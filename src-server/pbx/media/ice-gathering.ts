/**
 * Non-trickle ICE: wait until the peer connection has gathered its candidates, or give up waiting.
 * `isEnough` may end the wait early, when the candidates the SDP will carry are already there
 * (gathering goes on for ~100 ms after the useful ones, e.g. for TCP candidates we filter out).
 */
export function waitForIceGathering(pc: RTCPeerConnection, timeoutMs: number, isEnough?: () => boolean): Promise<void> {
  if (pc.iceGatheringState === 'complete' || isEnough?.()) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      pc.removeEventListener('icegatheringstatechange', onState);
      pc.removeEventListener('icecandidate', onCandidate);
      resolve();
    };
    const onState = (): void => {
      if (pc.iceGatheringState === 'complete') done();
    };
    const onCandidate = (event: RTCPeerConnectionIceEvent): void => {
      if (!event.candidate || isEnough?.()) done();
    };
    // After the timeout we use the candidates we have: host candidates come first and suffice here.
    const timer = setTimeout(done, timeoutMs);
    pc.addEventListener('icegatheringstatechange', onState);
    pc.addEventListener('icecandidate', onCandidate);
  });
}
