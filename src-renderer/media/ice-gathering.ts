/**
 * Non-trickle ICE: SIP carries one SDP, so wait until the candidates are in it. Gathering on
 * loopback takes ~100 ms; a stuck STUN/TURN server must not hold the call, so after
 * `timeoutMs` we go with what we have.
 */
export function waitForIceGatheringComplete(
  pc: RTCPeerConnection,
  timeoutMs: number,
  abandoned: Promise<void>,
): Promise<void> {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise<void>((resolve) => {
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      pc.removeEventListener('icegatheringstatechange', onStateChange);
      pc.removeEventListener('icecandidate', onCandidate);
      resolve();
    };
    const onStateChange = (): void => {
      if (pc.iceGatheringState === 'complete') finish();
    };
    // some stacks signal the end of candidates only with a null candidate
    const onCandidate = (event: RTCPeerConnectionIceEvent): void => {
      if (!event.candidate) finish();
    };
    const timer = setTimeout(finish, timeoutMs);
    pc.addEventListener('icegatheringstatechange', onStateChange);
    pc.addEventListener('icecandidate', onCandidate);
    abandoned.then(finish, finish);
  });
}
