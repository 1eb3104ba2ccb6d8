import { describe, expect, it } from 'vitest';
import type { LineSnapshot } from '../../src-shared/domain/phone-snapshot.js';
import { popupWindowLines, ringingLines } from './line-selectors.js';

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
    expect(popupWindowLines(lines).map((l) => l.id)).toEqual(['ringing', 'talking']);
    expect(popupWindowLines([lines[0]!]).map((l) => l.id)).toEqual(['talking']);
    expect(popupWindowLines([line('held', { state: 'held', startedAt: 999_999 }), ...lines]).map((l) => l.id)).toEqual(['ringing', 'talking', 'held']);
  });

  it('has nothing for the popup when no incoming call is ringing or answered', () => {
    const lines = [
      line('ended', { state: 'ended', endReason: 'remoteHangup' }),
      line('out', { direction: 'outgoing', state: 'connected' }),
    ];
    expect(popupWindowLines(lines)).toEqual([]);
  });
});
