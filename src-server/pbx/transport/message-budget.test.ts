import { describe, expect, it } from 'vitest';
import { MessageBudget } from './message-budget.js';

describe('MessageBudget', () => {
  const limits = { burst: 3, perSecond: 10, maxDropped: 3 };

  it('accepts a burst, then drops, then asks to disconnect a client that keeps pushing', () => {
    const budget = new MessageBudget(limits, 0);
    expect([budget.take(0), budget.take(0), budget.take(0)]).toEqual(['accept', 'accept', 'accept']);
    expect([budget.take(0), budget.take(0), budget.take(0)]).toEqual(['drop', 'drop', 'disconnect']);
    expect(budget.dropped).toBe(3);
  });

  it('a flooder throttled to the refill rate is still cut off: a token now and then does not forgive it', () => {
    const budget = new MessageBudget(limits, 0);
    for (let i = 0; i < 3; i++) budget.take(0);
    expect(budget.take(0)).toBe('drop');
    expect(budget.take(100)).toBe('accept'); // 100 ms at 10/s = one token
    expect(budget.take(100)).toBe('drop');
    expect(budget.take(100)).toBe('disconnect');
  });

  it('refills with time, never above the burst, and a client that rested until full starts afresh', () => {
    const budget = new MessageBudget(limits, 0);
    for (let i = 0; i < 3; i++) budget.take(0);
    expect([budget.take(0), budget.take(0)]).toEqual(['drop', 'drop']);
    const verdicts = Array.from({ length: 6 }, () => budget.take(60_000));
    expect(verdicts).toEqual(['accept', 'accept', 'accept', 'drop', 'drop', 'disconnect']);
  });
});
