import { describe, expect, it } from 'vitest';
import { RestartBackoff } from './restart-backoff.js';

describe('RestartBackoff', () => {
  it('restarts at once the first time, then backs off exponentially up to the cap', () => {
    const backoff = new RestartBackoff({ baseMs: 1_000, maxMs: 8_000, stableMs: 60_000 });
    const delays = [0, 1, 2, 3, 4, 5, 6].map((i) => backoff.nextDelay(i * 100));
    expect(delays).toEqual([0, 1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
  });

  it('forgets earlier failures after a stable period', () => {
    const backoff = new RestartBackoff({ baseMs: 1_000, maxMs: 30_000, stableMs: 60_000 });
    backoff.nextDelay(0);
    expect(backoff.nextDelay(10)).toBe(1_000);
    expect(backoff.nextDelay(10 + 60_000)).toBe(0);
  });
});
