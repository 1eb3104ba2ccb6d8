import { describe, expect, it } from 'vitest';
import { parseReferTo } from './refer-to.js';
import { parseReplaces } from './replaces.js';

describe('parseReferTo', () => {
  it('reads a blind transfer target as SIP.js sends it (a bare addr-spec)', () => {
    expect(parseReferTo(['sip:202@plusphone.test'])).toEqual({ ok: true, value: { user: '202', replaces: undefined } });
  });

  it('reads name-addr forms and URL-decodes the user part', () => {
    expect(parseReferTo(['"鈴木" <sip:0355550200@plusphone.test;user=phone>;x=1'])).toMatchObject({ ok: true, value: { user: '0355550200' } });
    expect(parseReferTo(['<sip:%2A%2A203@plusphone.test>'])).toMatchObject({ ok: true, value: { user: '**203' } });
  });

  it('reads an attended transfer: Replaces embedded in the URI, URL-encoded (RFC 3891 §4)', () => {
    const referTo = `"高橋" <sip:pbx@plusphone.test;transport=ws?Replaces=${encodeURIComponent('a1b2@host.invalid;to-tag=pbx7;from-tag=t9')}>`;
    expect(parseReferTo([referTo])).toEqual({
      ok: true,
      value: { user: 'pbx', replaces: { callId: 'a1b2@host.invalid', toTag: 'pbx7', fromTag: 't9', earlyOnly: false } },
    });
  });

  it('finds Replaces whatever its case and among other URI headers', () => {
    const result = parseReferTo([`<sip:203@plusphone.test?subject=x&replaces=c%3Bfrom-tag%3Df%3Bto-tag%3Dt>`]);
    expect(result).toMatchObject({ ok: true, value: { replaces: { callId: 'c', toTag: 't', fromTag: 'f' } } });
  });

  it.each([
    [[], 'Refer-To missing'],
    [['<sip:202@plusphone.test>', '<sip:203@plusphone.test>'], 'more than one Refer-To'],
    [['<sip:202@plusphone.test>, <sip:203@plusphone.test>'], 'does not parse'],
    [[''], 'empty'],
    [[`<sip:${'9'.repeat(2000)}@plusphone.test>`], 'too long'],
    [['<http://example.com/>'], 'not a SIP URI'],
    [['<tel:0312340000>'], 'does not parse'],
    [['<sip:20\u00002@plusphone.test>'], 'control character'],
    [['<sip:20%002@plusphone.test>'], 'user part'],
    [['<sip:202@plusphone.test?Replaces=%FF%3Bto-tag%3D1>'], 'URL-encoded'],
    [['<sip:202@plusphone.test?Replaces=a%3Bto-tag%3D1&Replaces=b%3Bto-tag%3D1>'], 'more than one Replaces'],
    [['<sip:202@plusphone.test?Replaces=abc%3Bto-tag%3D1>'], 'Replaces'],
    [['not a uri at all <<<'], 'does not parse'],
  ])('refuses %j (%s)', (values, reason) => {
    const result = parseReferTo(values);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });
});

describe('parseReplaces', () => {
  it('reads call-id, tags in any order and early-only', () => {
    expect(parseReplaces('425928@bobster.example.org;from-tag=7743;to-tag=6472;early-only')).toEqual({
      ok: true,
      value: { callId: '425928@bobster.example.org', toTag: '6472', fromTag: '7743', earlyOnly: true },
    });
  });

  it.each([
    ['', 'empty'],
    ['abc', 'Replaces'],
    ['abc;to-tag=1', 'Replaces'],
    ['abc;to-tag=;from-tag=2', 'Replaces'],
    ['abc;to-tag=1;from-tag=2;to-tag=3', 'repeated'],
    ['abc;to-tag=1;from-tag=2\r\nVia: x', 'control character'],
    [';to-tag=1;from-tag=2', 'parse'],
    [`${'x'.repeat(600)};to-tag=1;from-tag=2`, 'too long'],
  ])('refuses %j', (value, reason) => {
    const result = parseReplaces(value);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });
});
