import { describe, expect, it } from 'vitest';
import { ReconnectBackoff } from './reconnect-backoff.js';

const policy = { initialDelayMs: 500, maxDelayMs: 30_000 };

function delays(backoff: ReconnectBackoff, count: number): number[] {
  return Array.from({ length: count }, () => backoff.next());
}

describe('ReconnectBackoff (decorrelated jitter, capped)', () => {
  it('the first retry after a loss is drawn from [0, base): almost at once, but spread', () => {
    expect(new ReconnectBackoff(policy, () => 0).next()).toBe(0);
    expect(new ReconnectBackoff(policy, () => 0.5).next()).toBe(250);
    expect(new ReconnectBackoff(policy, () => 0.999).next()).toBe(500);
  });

  it('with the largest draws it grows threefold per attempt up to the 30 s cap and stays there', () => {
    expect(delays(new ReconnectBackoff(policy, () => 1), 8)).toEqual([500, 1_500, 4_500, 13_500, 30_000, 30_000, 30_000, 30_000]);
  });

  it('with the smallest draws it never goes below the base after the first retry', () => {
    expect(delays(new ReconnectBackoff(policy, () => 0), 5)).toEqual([0, 500, 500, 500, 500]);
  });

  it('every delay of a long random run lies in [base, min(cap, 3 × previous)]', () => {
    let seed = 42;
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const backoff = new ReconnectBackoff(policy, random);
    let previous = backoff.next();
    for (let i = 0; i < 500; i += 1) {
      const delay = backoff.next();
      expect(delay).toBeGreaterThanOrEqual(500);
      expect(delay).toBeLessThanOrEqual(Math.min(30_000, Math.max(previous, 500) * 3));
      previous = delay;
    }
  });

  it('reset starts over; attempt counts the delays handed out', () => {
    const backoff = new ReconnectBackoff(policy, () => 1);
    delays(backoff, 4);
    expect(backoff.attempt).toBe(4);
    backoff.reset();
    expect(backoff.attempt).toBe(0);
    expect(delays(backoff, 2)).toEqual([500, 1_500]);
  });

  it('a broken random source cannot make a negative or endless delay', () => {
    expect(delays(new ReconnectBackoff(policy, () => Number.NaN), 3)).toEqual([0, 500, 500]);
    expect(delays(new ReconnectBackoff(policy, () => 7), 6).at(-1)).toBe(30_000);
    expect(delays(new ReconnectBackoff(policy, () => -3), 2)).toEqual([0, 500]);
  });

  it('refuses a policy that makes no sense', () => {
    expect(() => new ReconnectBackoff({ initialDelayMs: 0, maxDelayMs: 10 }, Math.random)).toThrow(/invalid backoff/);
    expect(() => new ReconnectBackoff({ initialDelayMs: 1_000, maxDelayMs: 10 }, Math.random)).toThrow(/invalid backoff/);
  });
});
