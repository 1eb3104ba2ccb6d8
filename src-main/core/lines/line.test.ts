import { describe, expect, it } from 'vitest';
import { Line, type LineInit } from './line.js';

const init = (direction: 'incoming' | 'outgoing'): LineInit => ({
  id: 'line-1',
  direction,
  remoteNumber: '201',
  remoteName: '佐藤',
  calledNumber: null,
  calledLabel: null,
  callerNumber: null,
  startedAt: 1000,
});

describe('Line', () => {
  it('walks an outgoing call dialing → ringingOut → connected → ended with timestamps', () => {
    const changes: string[] = [];
    const line = new Line(init('outgoing'), (l) => changes.push(l.state));
    expect(line.state).toBe('dialing');
    expect(line.markRingingOut()).toBe(true);
    expect(line.markConnected(2000)).toBe(true);
    expect(line.end('localHangup', 3000)).toBe(true);
    expect(changes).toEqual(['ringingOut', 'connected', 'ended']);
    expect(line.snapshot()).toMatchObject({ state: 'ended', connectedAt: 2000, endedAt: 3000, endReason: 'localHangup' });
    expect(line.isLive).toBe(false);
  });

  it('walks an incoming call ringingIn → connected → ended', () => {
    const line = new Line(init('incoming'), () => undefined);
    expect(line.state).toBe('ringingIn');
    expect(line.markRingingOut()).toBe(false);
    expect(line.markConnected(5)).toBe(true);
    expect(line.end('remoteHangup', 6)).toBe(true);
    expect(line.snapshot().endReason).toBe('remoteHangup');
  });

  it('refuses transitions that do not fit, without notifying', () => {
    let notified = 0;
    const line = new Line(init('incoming'), () => notified++);
    expect(line.end('answeredElsewhere', 10)).toBe(true);
    expect(line.markConnected(11)).toBe(false);
    expect(line.end('failed', 12)).toBe(false);
    expect(notified).toBe(1);
    expect(line.snapshot()).toMatchObject({ endReason: 'answeredElsewhere', endedAt: 10, connectedAt: null });
  });

  it('publishes a learnt remote name once', () => {
    let notified = 0;
    const line = new Line(init('outgoing'), () => notified++);
    line.updateRemoteName('鈴木');
    line.updateRemoteName('鈴木');
    line.updateRemoteName('');
    expect(line.snapshot().remoteName).toBe('鈴木');
    expect(notified).toBe(1);
  });
});
