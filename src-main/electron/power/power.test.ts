import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { emptyPhoneSnapshot, type LineSnapshot, type PhoneSnapshot } from '../../../src-shared/domain/phone-snapshot.js';
import { CallPowerGuard, type PowerSaveBlockerLike } from './call-power-guard.js';
import { forwardPowerEvents, type PowerMonitorLike, type SystemPowerEvent } from './system-power-events.js';

const line = (state: LineSnapshot['state']): LineSnapshot => ({
  id: state,
  direction: 'incoming',
  state,
  remoteNumber: '0312345678',
  remoteName: '',
  calledNumber: null,
  calledLabel: null,
  callerNumber: null,
  startedAt: 0,
  connectedAt: null,
  endedAt: null,
  endReason: null,
});
const withLines = (...lines: LineSnapshot[]): PhoneSnapshot => ({ ...emptyPhoneSnapshot(), lines });

describe('CallPowerGuard', () => {
  it('blocks suspension from the first live line to the end of the last, once', () => {
    const calls: string[] = [];
    let next = 7;
    const blocker: PowerSaveBlockerLike = {
      start: (type) => {
        calls.push(`start ${type}`);
        return next++;
      },
      stop: (id) => calls.push(`stop ${id}`),
    };
    const guard = new CallPowerGuard(blocker);
    guard.update(withLines(line('ringingIn')));
    guard.update(withLines(line('connected'), line('ringingIn')));
    expect(guard.isBlocking).toBe(true);
    guard.update(withLines(line('ended')));
    guard.update(withLines());
    guard.update(withLines(line('dialing')));
    guard.dispose();
    expect(calls).toEqual(['start prevent-app-suspension', 'stop 7', 'start prevent-app-suspension', 'stop 8']);
  });
});

describe('forwardPowerEvents', () => {
  it('delivers suspend and resume until disposed', () => {
    const monitor = new EventEmitter() as EventEmitter & PowerMonitorLike;
    const seen: SystemPowerEvent[] = [];
    const stop = forwardPowerEvents(monitor, (event) => seen.push(event));
    monitor.emit('suspend');
    monitor.emit('resume');
    stop();
    monitor.emit('suspend');
    expect(seen).toEqual(['suspend', 'resume']);
    expect(monitor.listenerCount('resume')).toBe(0);
  });
});
