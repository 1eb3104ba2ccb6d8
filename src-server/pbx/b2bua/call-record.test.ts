import { describe, expect, it } from 'vitest';
import { unansweredOutcome } from './call-record.js';

describe('unansweredOutcome', () => {
  it.each([
    [487, 'cancelled'],
    [486, 'busy'],
    [600, 'busy'],
    [603, 'rejected'],
    [480, 'noAnswer'],
    [408, 'noAnswer'],
    [488, 'failed'],
    [500, 'failed'],
    [503, 'failed'],
  ] as const)('final status %i → %s', (status, outcome) => {
    expect(unansweredOutcome(status)).toBe(outcome);
  });
});
