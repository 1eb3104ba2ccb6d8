import { describe, expect, it } from 'vitest';
import { priceCall, type TerminalKind } from './call-charge.js';

const yen = (destination: string, durationSeconds: number, terminal: TerminalKind = 'softphone') => {
  const charge = priceCall({ destination, durationSeconds, terminal });
  if (!charge.priced) throw new Error(charge.reason);
  return charge.yen;
};

describe('call charges at the seed rates', () => {
  it.each([
    // fixed line: 8円 per started 3 minutes
    ['0355550100', 0, 0],
    ['0355550100', 1, 8],
    ['0355550100', 60, 8],
    ['0355550100', 61, 8],
    ['0355550100', 180, 8],
    ['0355550100', 181, 16],
    // mobile: 17.5円 per started minute
    ['09012345678', 0, 0],
    ['09012345678', 1, 17.5],
    ['09012345678', 60, 17.5],
    ['09012345678', 61, 35],
    ['09012345678', 180, 52.5],
    ['09012345678', 181, 70],
    // 050 (IP): same as mobile
    ['05012345678', 61, 35],
    // internal and toll-free: free at any length
    ['202', 181, 0],
    ['0120123456', 181, 0],
    ['0800123456', 3600, 0],
  ])('%s for %i s costs %d円 from a softphone', (destination, seconds, expected) => {
    expect(yen(destination, seconds)).toBe(expected);
  });

  it.each([
    [0, 0],
    [1, 20],
    [30, 20],
    [31, 40],
    [60, 40],
    [61, 60],
    [180, 120],
    [181, 140],
  ])('from the smartphone app, %i s to a fixed line or mobile costs %d円 (20円 per started 30 s)', (seconds, expected) => {
    expect(yen('0355550100', seconds, 'smartphoneApp')).toBe(expected);
    expect(yen('09012345678', seconds, 'smartphoneApp')).toBe(expected);
  });

  it('keeps internal calls free from the smartphone app too', () => {
    expect(yen('202', 181, 'smartphoneApp')).toBe(0);
  });

  it('prices IP phones and adapters like softphones', () => {
    expect(yen('0355550100', 181, 'ipPhone')).toBe(16);
    expect(yen('09012345678', 61, 'adapter')).toBe(35);
  });

  it('does not guess a price for a destination outside the table', () => {
    expect(priceCall({ destination: '0012345', durationSeconds: 10, terminal: 'softphone' })).toEqual({
      priced: false,
      reason: '料金表にない発信先です',
    });
  });

  it('refuses a negative or non-finite duration', () => {
    expect(() => priceCall({ destination: '202', durationSeconds: -1, terminal: 'softphone' })).toThrow(RangeError);
    expect(() => priceCall({ destination: '202', durationSeconds: Number.NaN, terminal: 'softphone' })).toThrow(RangeError);
  });

  it('charges a started unit for a fraction of a second', () => {
    expect(yen('0355550100', 180.2)).toBe(16);
  });
});
