import { describe, expect, it } from 'vitest';
import { waitForIceGathering } from './ice-gathering.js';

/** Just enough of a peer connection: a gathering state and candidate events. */
class FakeGatheringPc extends EventTarget {
  iceGatheringState: RTCIceGatheringState = 'gathering';

  candidate(candidate: string | null): void {
    this.dispatchEvent(Object.assign(new Event('icecandidate'), { candidate: candidate ? { candidate } : null }));
  }
}

const asPc = (pc: FakeGatheringPc): RTCPeerConnection => pc as unknown as RTCPeerConnection;

describe('waitForIceGathering', () => {
  it('ends early once the candidates we need are there, without waiting for complete', async () => {
    const pc = new FakeGatheringPc();
    let have = false;
    let settled = false;
    const waiting = waitForIceGathering(asPc(pc), 10_000, () => have).then(() => (settled = true));
    pc.candidate('candidate:1 1 tcp 1 192.0.2.2 9 typ host');
    await Promise.resolve();
    expect(settled).toBe(false);
    have = true;
    pc.candidate('candidate:2 1 udp 1 127.0.0.1 5000 typ host');
    await waiting;
    expect(settled).toBe(true);
  });

  it('resolves at once when enough is already gathered (pre-gathered pool)', async () => {
    await expect(waitForIceGathering(asPc(new FakeGatheringPc()), 10_000, () => true)).resolves.toBeUndefined();
  });

  it('without a predicate waits for the end of candidates', async () => {
    const pc = new FakeGatheringPc();
    let settled = false;
    const waiting = waitForIceGathering(asPc(pc), 10_000).then(() => (settled = true));
    pc.candidate('candidate:2 1 udp 1 127.0.0.1 5000 typ host');
    await Promise.resolve();
    expect(settled).toBe(false);
    pc.candidate(null);
    await waiting;
  });
});
