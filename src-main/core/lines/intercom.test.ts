import { describe, expect, it } from 'vitest';
import { asksForAutoAnswer, intercomRule } from './intercom.js';

describe('intercom auto-answer rule', () => {
  it('defaults to Call-Info with answer-after=0', () => {
    const rule = intercomRule(undefined);
    expect(rule).toEqual({ header: 'Call-Info', fragment: 'answer-after=0' });
    expect(asksForAutoAnswer(rule, ['<sip:plusphone.test>;answer-after=0'])).toBe(true);
    expect(asksForAutoAnswer(rule, ['<sip:plusphone.test> ; Answer-After = 0'])).toBe(true);
    expect(asksForAutoAnswer(rule, ['<http://example.test/photo.png>;purpose=icon'])).toBe(false);
    expect(asksForAutoAnswer(rule, [])).toBe(false);
  });

  it('accepts a bare header name: its presence is enough', () => {
    const rule = intercomRule('X-Intercom');
    expect(rule).toEqual({ header: 'X-Intercom', fragment: null });
    expect(asksForAutoAnswer(rule, ['yes'])).toBe(true);
    expect(asksForAutoAnswer(rule, [])).toBe(false);
  });

  it('refuses a header name that is not a SIP token, and an empty setting', () => {
    expect(intercomRule('Bad Header: x')).toBeNull();
    expect(intercomRule('  ')).toBeNull();
    expect(asksForAutoAnswer(null, ['answer-after=0'])).toBe(false);
  });
});
