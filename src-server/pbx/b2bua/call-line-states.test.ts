import { describe, expect, it } from 'vitest';
import { CallLineStates } from './call-line-states.js';
import { type LineStateSink } from '../dialog-event/line-state-sink.js';
import { silentLogger } from '../logger.js';

function recordingSink(): LineStateSink & { events: string[] } {
  const events: string[] = [];
  return {
    events,
    ringing: (sipUser, callId, caller) => events.push(`ringing ${sipUser} ${callId} ${caller.number}`),
    busy: (sipUser, callId, remote, direction) => events.push(`busy ${sipUser} ${callId} ${remote.number} ${direction}`),
    released: (sipUser, callId) => events.push(`released ${sipUser} ${callId}`),
    slotOccupied: () => undefined,
    slotFreed: () => undefined,
  };
}

const A = { number: '201', displayName: '佐藤', sipUser: 'a', tenantId: 1 };
const C = { number: '203', displayName: '高橋', sipUser: 'c', tenantId: 1 };

describe('CallLineStates', () => {
  it('caller busy, callees ringing, the answerer busy and the others released, everybody released once at the end', () => {
    const sink = recordingSink();
    const lines = new CallLineStates(sink, 'k1', silentLogger);
    lines.callerBusy(A, { number: '0355550200', displayName: '営業部' });
    lines.ringing('b', { number: '201', displayName: '佐藤' });
    lines.ringing('c', { number: '201', displayName: '佐藤' });
    lines.ringing('c', { number: '201', displayName: '佐藤' }); // a second device of C: told once
    lines.answered(C, A, ['b', 'c', '']);
    lines.releaseAll();
    lines.releaseAll();
    expect(sink.events).toEqual([
      'busy a k1 0355550200 initiator',
      'ringing b k1 201',
      'ringing c k1 201',
      'released b k1',
      'busy c k1 201 recipient',
      'busy a k1 203 initiator',
      'released a k1',
      'released c k1',
    ]);
  });

  it('a failing sink never throws into call handling; a party without a SIP user is not reported', () => {
    const throwing: LineStateSink = {
      ringing: () => {
        throw new Error('boom');
      },
      busy: () => {
        throw new Error('boom');
      },
      released: () => {
        throw new Error('boom');
      },
      slotOccupied: () => undefined,
      slotFreed: () => undefined,
    };
    const lines = new CallLineStates(throwing, 'k2', silentLogger);
    expect(() => {
      lines.callerBusy({ number: '09012345678', displayName: '' }, { number: '201', displayName: '' });
      lines.ringing('b', { number: '09012345678', displayName: '' });
      lines.releaseAll();
    }).not.toThrow();
  });
});
