import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle.js';

const clock = (start = 0) => {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
};

describe('LoginThrottle', () => {
  it('allows up to the limit of failures in a window, then refuses until the window ends', () => {
    const time = clock();
    const throttle = new LoginThrottle({ maxFailures: 3, windowMs: 1_000, now: time.now });
    for (let i = 0; i < 3; i += 1) {
      expect(throttle.check('a')).toEqual({ allowed: true });
      throttle.recordFailure('a');
    }
    time.advance(400);
    expect(throttle.check('a')).toEqual({ allowed: false, retryAfterMs: 600 });
    expect(throttle.check('b')).toEqual({ allowed: true });
    time.advance(600);
    expect(throttle.check('a')).toEqual({ allowed: true });
  });

  it('forgets the failures of a key after a success', () => {
    const throttle = new LoginThrottle({ maxFailures: 2, now: () => 0 });
    throttle.recordFailure('a');
    throttle.recordSuccess('a');
    throttle.recordFailure('a');
    expect(throttle.check('a')).toEqual({ allowed: true });
  });

  it('remembers a bounded number of keys, dropping the oldest', () => {
    const throttle = new LoginThrottle({ maxFailures: 1, maxKeys: 2, now: () => 0 });
    for (const key of ['a', 'b', 'c']) throttle.recordFailure(key);
    expect(throttle.check('a')).toEqual({ allowed: true });
    expect(throttle.check('b').allowed).toBe(false);
    expect(throttle.check('c').allowed).toBe(false);
  });
});
