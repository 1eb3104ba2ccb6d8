import { describe, expect, it } from 'vitest';
import { AuthFailureLimiter } from './failure-limiter.js';

describe('AuthFailureLimiter', () => {
  const options = { maxFailures: 3, windowMs: 1000, lockoutMs: 5000, maxKeys: 100 };

  it('locks a key after repeated failures and unlocks after the lockout', () => {
    const limiter = new AuthFailureLimiter(options);
    limiter.recordFailure('k', 0);
    limiter.recordFailure('k', 10);
    expect(limiter.isLocked('k', 20)).toBe(false);
    limiter.recordFailure('k', 20);
    expect(limiter.isLocked('k', 30)).toBe(true);
    expect(limiter.isLocked('other', 30)).toBe(false);
    expect(limiter.isLocked('k', 5021)).toBe(false);
  });

  it('counts only failures within the window, and a success clears them', () => {
    const limiter = new AuthFailureLimiter(options);
    limiter.recordFailure('k', 0);
    limiter.recordFailure('k', 10);
    limiter.recordFailure('k', 2000);
    expect(limiter.isLocked('k', 2001)).toBe(false);
    limiter.recordFailure('k', 2002);
    limiter.recordSuccess('k');
    limiter.recordFailure('k', 2003);
    expect(limiter.isLocked('k', 2004)).toBe(false);
  });
});
