import { describe, expect, it } from 'vitest';
import { decideExpiry } from './expiry.js';

const limits = { minSeconds: 60, maxSeconds: 3600, defaultSeconds: 3600 };

describe('decideExpiry', () => {
  it('prefers the contact parameter over the Expires header', () => {
    expect(decideExpiry('600', '120', limits)).toEqual({ kind: 'bind', seconds: 600 });
    expect(decideExpiry(undefined, '120', limits)).toEqual({ kind: 'bind', seconds: 120 });
  });
  it('defaults, clamps to the maximum, removes on 0', () => {
    expect(decideExpiry(undefined, undefined, limits)).toEqual({ kind: 'bind', seconds: 3600 });
    expect(decideExpiry('99999', undefined, limits)).toEqual({ kind: 'bind', seconds: 3600 });
    expect(decideExpiry('0', '600', limits)).toEqual({ kind: 'remove' });
    expect(decideExpiry(undefined, '0', limits)).toEqual({ kind: 'remove' });
  });
  it('asks for more than the minimum, refuses nonsense', () => {
    expect(decideExpiry('30', undefined, limits)).toEqual({ kind: 'too-brief' });
    expect(decideExpiry('-1', undefined, limits)).toEqual({ kind: 'invalid' });
    expect(decideExpiry(undefined, 'soon', limits)).toEqual({ kind: 'invalid' });
  });
});
