import { describe, expect, it } from 'vitest';
import { NonceReplayGuard } from './nonce-replay-guard.js';

describe('NonceReplayGuard', () => {
  it('accepts increasing counts and refuses a repeated or lower one', () => {
    const guard = new NonceReplayGuard(10);
    expect(guard.accept('n', '00000001', 0, 1000)).toBe(true);
    expect(guard.accept('n', '00000001', 1, 1000)).toBe(false);
    expect(guard.accept('n', '00000003', 2, 1000)).toBe(true);
    expect(guard.accept('n', '00000002', 3, 1000)).toBe(false);
    expect(guard.accept('other', '00000001', 3, 1000)).toBe(true);
    expect(guard.accept('n', 'zzzzzzzz', 3, 1000)).toBe(false);
  });

  it('forgets expired nonces and stays within its size', () => {
    const guard = new NonceReplayGuard(3);
    for (let i = 0; i < 10; i++) guard.accept(`n${i}`, '00000001', i, 1000);
    expect(guard.size).toBe(3);
    guard.accept('late', '00000001', 5000, 1000);
    expect(guard.size).toBe(1);
  });
});
