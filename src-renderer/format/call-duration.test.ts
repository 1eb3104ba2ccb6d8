import { describe, expect, it } from 'vitest';
import { formatCallDuration } from './call-duration.js';

describe('formatCallDuration', () => {
  it('shows mm:ss under an hour and h:mm:ss from an hour on', () => {
    expect(formatCallDuration(0)).toBe('00:00');
    expect(formatCallDuration(65_999)).toBe('01:05');
    expect(formatCallDuration(3_600_000 + 62_000)).toBe('1:01:02');
  });

  it('never shows a negative time (clock skew between main and window)', () => {
    expect(formatCallDuration(-1500)).toBe('00:00');
  });
});
