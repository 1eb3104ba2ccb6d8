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
    expect(line.markRingingOut(1500)).toBe(true);
    expect(line.markConnected(2000)).toBe(true);
    expect(line.end('localHangup', 3000)).toBe(true);
    expect(changes).toEqual(['ringingOut', 'connected', 'ended']);
    expect(line.snapshot()).toMatchObject({ state: 'ended', connectedAt: 2000, endedAt: 3000, endReason: 'localHangup' });
    expect(line.isLive).toBe(false);
  });

  it('walks an incoming call ringingIn → connected → ended', () => {
    const line = new Line(init('incoming'), () => undefined);
    expect(line.state).toBe('ringingIn');
    expect(line.markRingingOut(4)).toBe(false);
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

  it('holds and resumes a connected call, keeping the first connect time', () => {
    const line = new Line(init('outgoing'), () => undefined);
    line.markConnected(2000);
    expect(line.markResumed(2500)).toBe(false);
    expect(line.markHeld(3000)).toBe(true);
    expect(line.snapshot()).toMatchObject({ state: 'held', heldAt: 3000, stateSince: 3000, connectedAt: 2000 });
    expect(line.markHeld(3100)).toBe(false);
    expect(line.markResumed(4000)).toBe(true);
    expect(line.snapshot()).toMatchObject({ state: 'connected', heldAt: null, stateSince: 4000, connectedAt: 2000 });
  });

  it('cannot hold, park or transfer a call that is not established', () => {
    const ringing = new Line(init('incoming'), () => undefined);
    expect(ringing.markHeld(1)).toBe(false);
    expect(ringing.markHandingOver('parked', 1)).toBe(false);
    expect(ringing.markHandingOver('transferring', 1)).toBe(false);
    expect(ringing.isEstablished).toBe(false);
    const dialing = new Line(init('outgoing'), () => undefined);
    expect(dialing.markHeld(1)).toBe(false);
    expect(dialing.state).toBe('dialing');
  });

  it('returns a refused transfer to where it was: held stays held, connected stays connected', () => {
    const line = new Line(init('incoming'), () => undefined);
    line.markConnected(10);
    line.markHeld(20);
    expect(line.markHandingOver('transferring', 30)).toBe(true);
    expect(line.state).toBe('transferring');
    expect(line.isEstablished).toBe(true);
    expect(line.handoverFailed(40)).toBe(true);
    expect(line.snapshot()).toMatchObject({ state: 'held', heldAt: 20, stateSince: 40 });
    line.markResumed(50);
    expect(line.markHandingOver('parked', 60)).toBe(true);
    expect(line.handoverFailed(70)).toBe(true);
    expect(line.state).toBe('connected');
    expect(line.handoverFailed(80)).toBe(false);
  });

  it('ends a parked or transferred call with that reason', () => {
    const line = new Line(init('outgoing'), () => undefined);
    line.markConnected(10);
    line.markHandingOver('parked', 20);
    expect(line.end('parked', 30)).toBe(true);
    expect(line.snapshot()).toMatchObject({ state: 'ended', endReason: 'parked', endedAt: 30 });
    expect(line.handoverFailed(40)).toBe(false);
  });

  it('marks call waiting only while ringing, and mute only while live', () => {
    const line = new Line({ ...init('incoming'), callWaiting: true }, () => undefined);
    expect(line.snapshot().callWaiting).toBe(true);
    line.markConnected(10);
    expect(line.snapshot().callWaiting).toBe(false);
    line.setMuted(true);
    expect(line.isMuted).toBe(true);
    line.end('localHangup', 20);
    line.setMuted(false);
    expect(line.isMuted).toBe(true);
  });

  it('replaces a dialled feature code or extension by the number the PBX asserts, never a company or outside number', () => {
    const pickup = new Line({ ...init('outgoing'), remoteNumber: '*8' }, () => undefined);
    pickup.learnRemoteNumber('201');
    expect(pickup.snapshot().remoteNumber).toBe('201');
    const pickedUp = new Line({ ...init('outgoing'), remoteNumber: '202' }, () => undefined);
    pickedUp.learnRemoteNumber('203'); // a colleague picked up the call to 202
    expect(pickedUp.snapshot().remoteNumber).toBe('203');
    const plain = new Line({ ...init('outgoing'), remoteNumber: '0312340000' }, () => undefined);
    plain.learnRemoteNumber('0355550100');
    expect(plain.snapshot().remoteNumber).toBe('0312340000');
  });
});
