import { afterEach, describe, expect, it, vi } from 'vitest';
import { PendingRequests } from './pending-requests.js';

describe('PendingRequests', () => {
  afterEach(() => vi.useRealTimers());

  it('matches answers to ids and ignores late or unknown ones', async () => {
    const pending = new PendingRequests<string>();
    const sent: number[] = [];
    const first = pending.start(1_000, () => 'timeout', (id) => sent.push(id));
    const second = pending.start(1_000, () => 'timeout', (id) => sent.push(id));
    expect(sent).toEqual([1, 2]);
    expect(pending.settle(2, 'two')).toBe(true);
    expect(pending.settle(1, 'one')).toBe(true);
    expect(pending.settle(1, 'again')).toBe(false);
    expect(pending.settle(99, 'unknown')).toBe(false);
    await expect(first).resolves.toBe('one');
    await expect(second).resolves.toBe('two');
    expect(pending.size).toBe(0);
  });

  it('ends a silent request with the timeout outcome', async () => {
    vi.useFakeTimers();
    const pending = new PendingRequests<string>();
    const request = pending.start(500, () => 'timed out', () => undefined);
    vi.advanceTimersByTime(500);
    await expect(request).resolves.toBe('timed out');
    expect(pending.settle(1, 'late')).toBe(false);
  });

  it('forgets a request whose send throws, and rejects it at once', async () => {
    vi.useFakeTimers();
    const pending = new PendingRequests<string>();
    const request = pending.start(500, () => 'timed out', () => {
      throw new Error('socket closed');
    });
    await expect(request).rejects.toThrow('socket closed');
    expect(pending.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('ends everything waiting when the channel goes', async () => {
    vi.useFakeTimers();
    const pending = new PendingRequests<string>();
    const a = pending.start(500, () => 'timeout', () => undefined);
    const b = pending.start(500, () => 'timeout', () => undefined);
    pending.settleAll('gone');
    await expect(Promise.all([a, b])).resolves.toEqual(['gone', 'gone']);
    expect(pending.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
