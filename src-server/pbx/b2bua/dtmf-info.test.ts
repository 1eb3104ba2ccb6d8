import { describe, expect, it } from 'vitest';
import { parseDtmfInfo } from './dtmf-info.js';

describe('DTMF by SIP INFO', () => {
  it('reads application/dtmf-relay and application/dtmf', () => {
    expect(parseDtmfInfo('application/dtmf-relay', 'Signal=5\r\nDuration=160\r\n')).toEqual({ digit: '5', durationMs: 160 });
    expect(parseDtmfInfo('Application/DTMF-Relay; charset=x', 'signal = #\nduration=250')).toEqual({ digit: '#', durationMs: 250 });
    expect(parseDtmfInfo('application/dtmf-relay', 'Signal=10')).toEqual({ digit: '*', durationMs: 160 });
    expect(parseDtmfInfo('application/dtmf', '7')).toEqual({ digit: '7', durationMs: 160 });
  });

  it('ignores other bodies and hostile values', () => {
    expect(parseDtmfInfo('application/sdp', 'Signal=5')).toBeUndefined();
    expect(parseDtmfInfo(undefined, 'Signal=5')).toBeUndefined();
    expect(parseDtmfInfo('application/dtmf-relay', 'Duration=100')).toBeUndefined();
    expect(parseDtmfInfo('application/dtmf-relay', 'Signal=55')).toBeUndefined();
    expect(parseDtmfInfo('application/dtmf-relay', 'Signal=1\nDuration=99999999')).toEqual({ digit: '1', durationMs: 10_000 });
    expect(parseDtmfInfo('application/dtmf-relay', 'Signal=1\nDuration=-5')).toEqual({ digit: '1', durationMs: 160 });
  });
});
