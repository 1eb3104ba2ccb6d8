/**
 * Japanese telephone numbers: compared by digits, shown with hyphens the way Japanese
 * users write them.
 */
const FULLWIDTH_OFFSET = 0xfee0;

/** Fold full-width digits and symbols to ASCII. */
export function foldWidth(input: string): string {
  return input.replace(/[０-９＊＃＋]/g, (c) => String.fromCharCode(c.charCodeAt(0) - FULLWIDTH_OFFSET));
}

/** Keep the dialable characters only: digits, `*`, `#`, and a leading `+`. */
export function normalizeDialString(input: string): string {
  const folded = foldWidth(input).trim();
  const plus = folded.startsWith('+') ? '+' : '';
  return plus + folded.replace(/[^0-9*#]/g, '');
}

export function digitsOf(input: string): string {
  return foldWidth(input).replace(/\D/g, '');
}

/** +81 3 5555 0100 → 0355550100 */
export function toNationalDigits(input: string): string {
  const folded = foldWidth(input).trim();
  const digits = digitsOf(folded);
  if (folded.startsWith('+81')) return `0${digits.slice(2)}`;
  return digits;
}

export function sameNumber(a: string, b: string): boolean {
  const da = toNationalDigits(a);
  return da.length > 0 && da === toNationalDigits(b);
}

/** Two-digit area codes of the largest cities; others use 3 or more digits. */
const TWO_DIGIT_AREA = new Set(['03', '06']);
const FOUR_DIGIT_PREFIX = ['0120', '0800', '0570'];
const NON_GEOGRAPHIC_3 = ['050', '070', '080', '090', '020'];

/**
 * 0355550100 → 03-5555-0100, 09012345678 → 090-1234-5678, 0120123456 → 0120-123-456.
 * Anything that is not a recognised national number is returned as typed (digits only).
 */
export function formatJapaneseNumber(input: string): string {
  const d = toNationalDigits(input);
  if (!d.startsWith('0')) return d;
  const prefix4 = FOUR_DIGIT_PREFIX.find((p) => d.startsWith(p));
  if (prefix4 && d.length === 10) return `${d.slice(0, 4)}-${d.slice(4, 7)}-${d.slice(7)}`;
  if (NON_GEOGRAPHIC_3.some((p) => d.startsWith(p)) && d.length === 11) {
    return `${d.slice(0, 3)}-${d.slice(3, 7)}-${d.slice(7)}`;
  }
  if (d.length === 10) {
    if (TWO_DIGIT_AREA.has(d.slice(0, 2))) return `${d.slice(0, 2)}-${d.slice(2, 6)}-${d.slice(6)}`;
    // Fixed line elsewhere: 0AB-CDE-FGHJ is the most common split.
    return `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}`;
  }
  return d;
}

export type NumberClass = 'internal' | 'fixed' | 'mobile' | 'ip' | 'tollFree' | 'other';

export function classifyNumber(input: string): NumberClass {
  const d = toNationalDigits(input);
  if (/^\d{2,6}$/.test(d) && !d.startsWith('0')) return 'internal';
  if (/^0(120|800)/.test(d)) return 'tollFree';
  if (/^0[789]0\d{8}$/.test(d)) return 'mobile';
  if (/^050\d{8}$/.test(d)) return 'ip';
  if (/^0[1-9]\d{8}$/.test(d)) return 'fixed';
  return 'other';
}
