import { describe, expect, it } from 'vitest';
import type { PbxCallRecord } from '../pbx/index.js';
import { callLogEntryOf, connectedSeconds } from './call-log-entry.js';

const T0 = Date.parse('2026-04-01T10:00:00+09:00');

function record(overrides: Partial<PbxCallRecord> = {}): PbxCallRecord {
  return {
    callId: 'call-1',
    kind: 'internal',
    tenantId: 1,
    callerIdId: 10,
    callerNumber: '201',
    callerDisplayName: '佐藤',
    dialled: '202',
    calleeIdIds: [11],
    startedAt: T0,
    answeredAt: T0 + 5_000,
    endedAt: T0 + 5_000 + 61_000,
    outcome: 'answered',
    answeredByIdId: 11,
    ...overrides,
  };
}

describe('call log entries', () => {
  it('an answered internal call lasts answer → hang-up and costs 0円', () => {
    expect(callLogEntryOf(record(), 'softphone')).toMatchObject({
      kind: 'internal',
      result: 'answered',
      durationSeconds: 61,
      chargeTenthsYen: 0,
      chargeRate: 'free',
      answeredAt: T0 + 5_000,
      answeredByIdId: 11,
      companyNumber: null,
    });
  });

  it('an internal call to a 050 direct number is still internal, so free', () => {
    expect(callLogEntryOf(record({ dialled: '05030000002' }), 'softphone')).toMatchObject({ chargeTenthsYen: 0 });
  });

  it.each([
    // [dialled, seconds, terminal, tenths of a yen]
    ['0312345678', 180, 'softphone', 80],
    ['0312345678', 181, 'softphone', 160],
    ['09012345678', 61, 'ipPhone', 350],
    ['05012345678', 60, 'adapter', 175],
    ['0312345678', 31, 'smartphoneApp', 400],
    ['0120123456', 600, 'softphone', 0],
  ] as const)('an outgoing outside call to %s for %i s from a %s costs %i tenths of a yen', (dialled, seconds, terminal, tenths) => {
    const entry = callLogEntryOf(record({ kind: 'outgoingOutside', dialled, answeredAt: T0, endedAt: T0 + seconds * 1000 }), terminal);
    expect(entry.durationSeconds).toBe(seconds);
    expect(entry.chargeTenthsYen).toBe(tenths);
  });

  it('an outside destination the rate table does not know is stored unpriced, not guessed', () => {
    const entry = callLogEntryOf(record({ kind: 'outgoingOutside', dialled: '0011234567' }), 'softphone');
    expect(entry).toMatchObject({ chargeTenthsYen: null, chargeRate: null });
  });

  it('an incoming outside call costs the tenant nothing', () => {
    const entry = callLogEntryOf(record({ kind: 'incomingOutside', callerIdId: undefined, callerNumber: '0312345678', dialled: '0355550100' }), null);
    expect(entry).toMatchObject({ callerIdId: null, chargeTenthsYen: 0 });
  });

  it.each(['noAnswer', 'rejected', 'busy', 'cancelled', 'failed'] as const)('a %s call has no answer time, 0 s and 0円', (outcome) => {
    const entry = callLogEntryOf(record({ outcome, answeredAt: undefined, answeredByIdId: undefined, finalStatus: 480 }), 'softphone');
    expect(entry).toMatchObject({ result: outcome, answeredAt: null, durationSeconds: 0, chargeTenthsYen: 0, answeredByIdId: null });
  });

  it('counts a started second of connected time', () => {
    expect(connectedSeconds(undefined, T0)).toBe(0);
    expect(connectedSeconds(T0, T0)).toBe(0);
    expect(connectedSeconds(T0, T0 + 1)).toBe(1);
    expect(connectedSeconds(T0, T0 + 60_000)).toBe(60);
    expect(connectedSeconds(T0 + 10, T0)).toBe(0);
  });
});
