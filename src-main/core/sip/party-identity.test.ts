import { describe, expect, it } from 'vitest';
import { numberFromUserPart, parsePartyHeader, sanitizeDisplayName } from './party-identity.js';
import { endReasonForFailureStatus, isAnsweredElsewhere } from './call-failure.js';

describe('party identity from SIP headers', () => {
  it('reads a P-Called-Party-ID with a Japanese label', () => {
    expect(parsePartyHeader('"営業部" <sip:0355550200@plusphone.test>')).toEqual({ number: '0355550200', name: '営業部' });
  });

  it('reads tel: URIs and +81 numbers in national form', () => {
    expect(parsePartyHeader('"代表" <tel:+81-3-5555-0100>')).toEqual({ number: '0355550100', name: '代表' });
    expect(numberFromUserPart('+81355550100')).toBe('0355550100');
    expect(numberFromUserPart('%2371')).toBe('#71');
  });

  it('returns null for absent or garbage headers', () => {
    expect(parsePartyHeader(undefined)).toBeNull();
    expect(parsePartyHeader('<<<>>>')).toBeNull();
  });

  it('strips control and bidi-override characters from display names and caps their length', () => {
    expect(sanitizeDisplayName('鈴木\u202e\u0007  太郎\r\n')).toBe('鈴木 太郎');
    expect(sanitizeDisplayName('x'.repeat(500))).toHaveLength(64);
  });
});

describe('call failures', () => {
  it('maps final responses to line end reasons', () => {
    expect(endReasonForFailureStatus(486)).toBe('busy');
    expect(endReasonForFailureStatus(404)).toBe('notFound');
    expect(endReasonForFailureStatus(480)).toBe('rejected');
    expect(endReasonForFailureStatus(603)).toBe('rejected');
    expect(endReasonForFailureStatus(487)).toBe('cancelled');
    expect(endReasonForFailureStatus(403)).toBe('failed');
    expect(endReasonForFailureStatus(503)).toBe('failed');
  });

  it('recognises RFC 3326 "answered elsewhere" on a CANCEL', () => {
    expect(isAnsweredElsewhere(['SIP;cause=200;text="Call completed elsewhere"'])).toBe(true);
    expect(isAnsweredElsewhere(['Q.850;cause=16', 'SIP ; cause = 200'])).toBe(true);
    expect(isAnsweredElsewhere(['SIP;cause=487;text="Request Terminated"'])).toBe(false);
    expect(isAnsweredElsewhere(['SIP;cause=2000'])).toBe(false);
    expect(isAnsweredElsewhere([])).toBe(false);
  });
});
