import { afterEach, describe, expect, it, vi } from 'vitest';
import { SparePeerConnection } from './spare-peer-connection.js';

interface FakePc {
  id: number;
  closed: boolean;
  signalingState: RTCSignalingState;
  close(): void;
}

function factory() {
  const made: FakePc[] = [];
  const create = () => {
    const pc: FakePc = {
      id: made.length + 1,
      closed: false,
      signalingState: 'stable',
      close() {
        this.closed = true;
      },
    };
    made.push(pc);
    return pc as unknown as RTCPeerConnection;
  };
  return { made, create };
}

describe('SparePeerConnection', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('prepares one spare, hands it out, and prepares the next one after the hand-out', () => {
    vi.useFakeTimers();
    const { made, create } = factory();
    const spare = new SparePeerConnection(create, 60_000);
    expect(made).toHaveLength(0); // never in the constructor's way
    vi.runAllTimers();
    expect(made).toHaveLength(1);
    const first = spare.take() as unknown as FakePc;
    expect(first.id).toBe(1);
    expect(made).toHaveLength(1);
    vi.runAllTimers();
    expect(made).toHaveLength(2);
    spare.dispose();
    expect(made[1]!.closed).toBe(true);
    expect(first.closed).toBe(false); // handed out: the session owns it now
  });

  it('with keep = 2 hands out the oldest spare and tops up to two', () => {
    vi.useFakeTimers();
    const { made, create } = factory();
    const spare = new SparePeerConnection(create, 60_000, Date.now, 2);
    vi.runAllTimers();
    expect(made).toHaveLength(2);
    expect((spare.take() as unknown as FakePc).id).toBe(1);
    vi.runAllTimers();
    expect(made).toHaveLength(3);
    expect((spare.take() as unknown as FakePc).id).toBe(2);
    spare.dispose();
    expect(made[2]!.closed).toBe(true);
  });

  it('replaces a stale spare instead of handing it out', () => {
    vi.useFakeTimers();
    let now = 0;
    const { made, create } = factory();
    const spare = new SparePeerConnection(create, 1_000, () => now);
    vi.runAllTimers();
    now = 5_000;
    const pc = spare.take() as unknown as FakePc;
    expect(made[0]!.closed).toBe(true);
    expect(pc.id).toBe(2);
    spare.dispose();
  });

  it('creates directly when no spare is ready, and nothing after dispose', () => {
    vi.useFakeTimers();
    const { made, create } = factory();
    const spare = new SparePeerConnection(create, 60_000);
    const pc = spare.take() as unknown as FakePc;
    expect(pc.id).toBe(1);
    spare.dispose();
    vi.runAllTimers();
    expect(made).toHaveLength(1);
  });
});
