import { describe, expect, it } from 'vitest';
import type { LineSnapshot } from '../../src-shared/domain/phone-snapshot.js';
import { popupWindowLine, ringingLines } from './line-selectors.js';

const line = (id: string, over: Partial<LineSnapshot>): LineSnapshot => ({
  id,
  direction: 'incoming',
  state: 'ringingIn',
  remoteNumber: '201',
  remoteName: '佐藤',
  calledNumber: '202',
  calledLabel: '鈴木',
  callerNumber: null,
  startedAt: 0,
  connectedAt: null,
  endedAt: null,
  endReason: null,
  ...over,
});

describe('line selectors', () => {
  it('lists ringing incoming calls oldest first', () => {
    const lines = [
      line('late', { startedAt: 20 }),
      line('out', { direction: 'outgoing', state: 'ringingOut', startedAt: 5 }),
      line('early', { startedAt: 10 }),
      line('talking', { state: 'connected', startedAt: 1 }),
    ];
    expect(ringingLines(lines).map((l) => l.id)).toEqual(['early', 'late']);
  });

  it('shows a ringing call in the popup before an answered one', () => {
    const lines = [line('talking', { state: 'connected', startedAt: 1 }), line('ringing', { startedAt: 30 })];
    expect(popupWindowLine(lines)?.id).toBe('ringing');
    expect(popupWindowLine([lines[0]!])?.id).toBe('talking');
  });

  it('has nothing for the popup when no incoming call is ringing or answered', () => {
    const lines = [
      line('ended', { state: 'ended', endReason: 'remoteHangup' }),
      line('out', { direction: 'outgoing', state: 'connected' }),
    ];
    expect(popupWindowLine(lines)).toBeNull();
  });
});
