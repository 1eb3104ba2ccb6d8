import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LineSnapshot } from '../../../src-shared/domain/phone-snapshot.js';
import { LocalDatabase } from '../storage/local-database.js';
import { CallHistory } from './call-history.js';
import { callResultOf } from './call-result.js';

let dir: string;
let local: LocalDatabase;
let history: CallHistory;
let keys = 0;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'plusphone-history-'));
  local = LocalDatabase.open(join(dir, 'phone.sqlite3'));
  history = new CallHistory(local.db);
});
afterEach(() => {
  local.close();
  rmSync(dir, { recursive: true, force: true });
});

const T0 = 1_700_000_000_000;

function ended(overrides: Partial<LineSnapshot>): LineSnapshot {
  return {
    id: 'line-1',
    direction: 'outgoing',
    state: 'ended',
    remoteNumber: '202',
    remoteName: '',
    calledNumber: null,
    calledLabel: null,
    callerNumber: '0355550100',
    startedAt: T0,
    connectedAt: null,
    endedAt: T0 + 5_000,
    endReason: 'localHangup',
    ...overrides,
  };
}

function record(loginId: string, line: LineSnapshot) {
  return history.record(loginId, `k${++keys}`, line);
}

describe('call result mapping', () => {
  it.each([
    [{ direction: 'incoming', connectedAt: T0 + 1, endReason: 'remoteHangup' }, 'answered'],
    [{ direction: 'outgoing', connectedAt: T0 + 1, endReason: 'failed' }, 'answered'],
    [{ direction: 'incoming', endReason: 'cancelled' }, 'missed'],
    [{ direction: 'incoming', endReason: 'failed' }, 'missed'],
    [{ direction: 'incoming', endReason: 'answeredElsewhere' }, 'answeredElsewhere'],
    [{ direction: 'incoming', endReason: 'rejected' }, 'rejected'],
    [{ direction: 'outgoing', endReason: 'busy' }, 'busy'],
    [{ direction: 'outgoing', endReason: 'rejected' }, 'rejected'],
    [{ direction: 'outgoing', endReason: 'cancelled' }, 'cancelled'],
    [{ direction: 'outgoing', endReason: 'localHangup' }, 'cancelled'],
    [{ direction: 'outgoing', endReason: 'notFound' }, 'failed'],
    [{ direction: 'outgoing', endReason: 'failed' }, 'failed'],
  ] as const)('%j → %s', (line, result) => {
    expect(callResultOf(ended(line))).toBe(result);
  });
});

describe('CallHistory', () => {
  it('records an answered outgoing call with times, numbers, duration and the softphone charge', () => {
    const entry = record('u1', ended({ remoteNumber: '09012345678', remoteName: '取引先', connectedAt: T0 + 2_000, endedAt: T0 + 62_500, endReason: 'localHangup' }));
    expect(entry).toMatchObject({
      direction: 'outgoing',
      remoteNumber: '09012345678',
      remoteName: '取引先',
      callerNumber: '0355550100',
      startedAt: T0,
      answeredAt: T0 + 2_000,
      endedAt: T0 + 62_500,
      result: 'answered',
      durationSeconds: 61,
      // 17.5円 per started minute: 61 s → 2 units
      charge: { priced: true, rate: 'mobileOrIp', units: 2, yen: 35 },
      seen: true,
    });
  });

  it('prices internal calls at 0, unanswered calls at 0, incoming calls as free, unknown destinations as unpriced', () => {
    expect(record('u1', ended({ remoteNumber: '202', connectedAt: T0, endedAt: T0 + 600_000 }))?.charge).toMatchObject({ priced: true, rate: 'free', yen: 0 });
    expect(record('u1', ended({ remoteNumber: '0312345678', endReason: 'cancelled' }))?.charge).toMatchObject({ priced: true, rate: 'fixedLine', units: 0, yen: 0 });
    expect(record('u1', ended({ direction: 'incoming', remoteNumber: '09012345678', callerNumber: null, connectedAt: T0, endedAt: T0 + 600_000, endReason: 'remoteHangup' }))?.charge).toMatchObject({ priced: true, rate: 'free', yen: 0 });
    expect(record('u1', ended({ remoteNumber: '0014412345678', connectedAt: T0, endedAt: T0 + 60_000 }))?.charge).toMatchObject({ priced: false });
  });

  it('records a call once, and only when it has ended', () => {
    const line = ended({});
    expect(history.record('u1', 'same', line)).not.toBeNull();
    expect(history.record('u1', 'same', line)).toBeNull();
    expect(history.record('u1', 'live', { ...line, state: 'connected', endedAt: null })).toBeNull();
    expect(history.list('u1')).toHaveLength(1);
  });

  it('counts missed incoming calls until marked seen; answered elsewhere and rejected are not missed', () => {
    record('u1', ended({ direction: 'incoming', endReason: 'cancelled', calledNumber: '0355550100', calledLabel: '代表' }));
    record('u1', ended({ direction: 'incoming', endReason: 'answeredElsewhere' }));
    record('u1', ended({ direction: 'incoming', endReason: 'rejected' }));
    record('u1', ended({ direction: 'incoming', endReason: 'cancelled' }));
    expect(history.missedCount('u1')).toBe(2);
    expect(history.list('u1', { filter: 'missed' }).map((e) => e.seen)).toEqual([false, false]);
    expect(history.markSeen('u1')).toBe(2);
    expect(history.missedCount('u1')).toBe(0);
    expect(history.list('u1', { filter: 'missed' })).toMatchObject([{ seen: true }, { seen: true, calledNumber: '0355550100', calledLabel: '代表' }]);
    record('u1', ended({ direction: 'incoming', endReason: 'cancelled' }));
    expect(history.missedCount('u1')).toBe(1);
  });

  it('keeps accounts apart', () => {
    record('u1', ended({ direction: 'incoming', endReason: 'cancelled', remoteNumber: '201' }));
    const other = record('u2', ended({ remoteNumber: '203' }));
    expect(history.list('u1').map((e) => e.remoteNumber)).toEqual(['201']);
    expect(history.list('u2').map((e) => e.remoteNumber)).toEqual(['203']);
    expect(history.missedCount('u2')).toBe(0);
    history.markSeen('u2');
    expect(history.missedCount('u1')).toBe(1);
    expect(history.get('u1', other!.id)).toBeNull();
  });

  it('filters and pages newest first', () => {
    for (let i = 0; i < 5; i++) record('u1', ended({ remoteNumber: `20${i}`, direction: i % 2 ? 'incoming' : 'outgoing', endReason: 'remoteHangup' }));
    const all = history.list('u1');
    expect(all.map((e) => e.remoteNumber)).toEqual(['204', '203', '202', '201', '200']);
    expect(history.list('u1', { filter: 'incoming' }).map((e) => e.remoteNumber)).toEqual(['203', '201']);
    expect(history.list('u1', { filter: 'outgoing' }).map((e) => e.remoteNumber)).toEqual(['204', '202', '200']);
    const page1 = history.list('u1', { limit: 2 });
    const page2 = history.list('u1', { limit: 2, before: page1.at(-1)!.id });
    expect([...page1, ...page2].map((e) => e.remoteNumber)).toEqual(['204', '203', '202', '201']);
  });

  it('survives closing and reopening the file', () => {
    record('u1', ended({ direction: 'incoming', endReason: 'cancelled' }));
    const path = local.path;
    local.close();
    local = LocalDatabase.open(path);
    history = new CallHistory(local.db);
    expect(history.list('u1')).toHaveLength(1);
    expect(history.missedCount('u1')).toBe(1);
  });
});
