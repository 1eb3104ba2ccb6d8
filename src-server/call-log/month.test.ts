import { describe, expect, it } from 'vitest';
import { monthOf, monthRange } from './month.js';

describe('JST months', () => {
  it('starts and ends a month at midnight Japan time', () => {
    expect(monthRange('2026-04')).toEqual({
      month: '2026-04',
      startMs: Date.parse('2026-04-01T00:00:00+09:00'),
      endMs: Date.parse('2026-05-01T00:00:00+09:00'),
    });
    expect(monthRange('2026-12')?.endMs).toBe(Date.parse('2027-01-01T00:00:00+09:00'));
  });

  it('refuses anything but YYYY-MM', () => {
    for (const bad of ['2026-4', '2026-13', '2026-00', '26-04', '2026-04-01', '', 'abcd-ef']) expect(monthRange(bad)).toBeUndefined();
  });

  it('counts by the month in Japan: 15:00 UTC on 30 April is already May there', () => {
    expect(monthOf(Date.parse('2026-04-30T23:59:59+09:00'))).toBe('2026-04');
    expect(monthOf(Date.parse('2026-04-30T15:00:00Z'))).toBe('2026-05');
  });
});
