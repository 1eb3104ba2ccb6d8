import { describe, expect, it } from 'vitest';
import { classifyNumber, digitsOf, formatJapaneseNumber, normalizeDialString, sameNumber } from './phone-number.js';

describe('Japanese phone numbers', () => {
  it.each([
    ['0355550100', '03-5555-0100'],
    ['0612345678', '06-1234-5678'],
    ['0451234567', '045-123-4567'],
    ['05030000001', '050-3000-0001'],
    ['09012345678', '090-1234-5678'],
    ['0120123456', '0120-123-456'],
    ['+81355550100', '03-5555-0100'],
    ['０３－５５５５－０１００', '03-5555-0100'],
    ['201', '201'],
  ])('formats %s as %s', (input, expected) => {
    expect(formatJapaneseNumber(input)).toBe(expected);
  });

  it('normalises pasted dial strings', () => {
    expect(normalizeDialString(' ０９０ (1234) 5678 ')).toBe('09012345678');
    expect(normalizeDialString('*71')).toBe('*71');
    expect(normalizeDialString('+81 3-5555-0100')).toBe('+81355550100');
  });

  it('compares by digits', () => {
    expect(sameNumber('03-5555-0100', '0355550100')).toBe(true);
    expect(sameNumber('+81-3-5555-0100', '03 5555 0100')).toBe(true);
    expect(sameNumber('03-5555-0100', '03-5555-0101')).toBe(false);
    expect(sameNumber('', '')).toBe(false);
    expect(digitsOf('050-3000-0001')).toBe('05030000001');
  });

  it.each([
    ['201', 'internal'],
    ['0355550100', 'fixed'],
    ['09012345678', 'mobile'],
    ['05030000001', 'ip'],
    ['0120123456', 'tollFree'],
    ['0800123456', 'tollFree'],
    ['12', 'internal'],
    ['0', 'other'],
  ])('classifies %s as %s', (input, expected) => {
    expect(classifyNumber(input)).toBe(expected);
  });
});
