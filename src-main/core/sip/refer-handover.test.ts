import { describe, expect, it } from 'vitest';
import { sipfragStatus } from './refer-handover.js';

describe('sipfragStatus', () => {
  it('reads the status line of a message/sipfrag body (RFC 3420)', () => {
    expect(sipfragStatus('SIP/2.0 200 OK\r\n')).toBe(200);
    expect(sipfragStatus('SIP/2.0 100 Trying')).toBe(100);
    expect(sipfragStatus('SIP/2.0 486 Busy Here\r\nContent-Length: 0\r\n')).toBe(486);
  });

  it('gives undefined for anything else', () => {
    expect(sipfragStatus(undefined)).toBeUndefined();
    expect(sipfragStatus('')).toBeUndefined();
    expect(sipfragStatus('INVITE sip:a@b SIP/2.0')).toBeUndefined();
    expect(sipfragStatus('SIP/2.0 20 OK')).toBeUndefined();
  });
});
