import { describe, expect, it } from 'vitest';
import { ChannelTracker } from './channel-tracker.js';

describe('ChannelTracker', () => {
  it('gives a tenant at most its capacity, per tenant', () => {
    const channels = new ChannelTracker();
    const taken = [channels.tryAcquire(1, 2), channels.tryAcquire(1, 2)];
    expect(taken.every((release) => release !== undefined)).toBe(true);
    expect(channels.tryAcquire(1, 2)).toBeUndefined();
    expect(channels.tryAcquire(2, 1)).toBeDefined(); // another tenant has its own
    expect(channels.inUseBy(1)).toBe(2);
    expect(channels.total).toBe(3);
  });

  it('release is idempotent and frees the channel for the next call', () => {
    const channels = new ChannelTracker();
    const release = channels.tryAcquire(1, 1)!;
    release();
    release();
    expect(channels.inUseBy(1)).toBe(0);
    const again = channels.tryAcquire(1, 1);
    expect(again).toBeDefined();
    expect(channels.tryAcquire(1, 1)).toBeUndefined();
    again!();
    expect(channels.total).toBe(0);
  });

  it('a tenant without IDs has no channel', () => {
    expect(new ChannelTracker().tryAcquire(1, 0)).toBeUndefined();
  });
});
