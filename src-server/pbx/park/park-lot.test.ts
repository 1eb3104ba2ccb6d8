import { afterEach, describe, expect, it, vi } from 'vitest';
import { ParkLot } from './park-lot.js';
import { type LegEndListener } from '../b2bua/leg.js';
import { type Party } from '../b2bua/party.js';
import { type LineStateSink } from '../dialog-event/line-state-sink.js';
import { silentLogger } from '../logger.js';
import { type AudioFrame } from '../media/wrtc.js';

/** An in-memory party: records what it hears and who owns it. */
function fakeParty(number: string): Party & { heard: AudioFrame[]; owner: LegEndListener | undefined; hungUp: boolean } {
  let disposed = false;
  const party = {
    heard: [] as AudioFrame[],
    owner: undefined as LegEndListener | undefined,
    hungUp: false,
    identity: { number, displayName: '外線' },
    finished: Promise.resolve(),
    get isDisposed() {
      return disposed;
    },
    media: { onAudio: () => () => undefined, pushAudio: (frame: AudioFrame) => party.heard.push(frame) },
    rebind: (listener: LegEndListener) => {
      party.owner = listener;
    },
    hangUp: () => {
      disposed = true;
      party.hungUp = true;
    },
  };
  return party;
}

function recordingSink(): LineStateSink & { events: string[] } {
  const events: string[] = [];
  return {
    events,
    ringing: () => undefined,
    busy: () => undefined,
    released: () => undefined,
    slotOccupied: (tenantId, code, parked) => events.push(`occupied ${tenantId} ${code} ${parked.number}`),
    slotFreed: (tenantId, code) => events.push(`freed ${tenantId} ${code}`),
  };
}

const CODES = ['*71', '*72'];
const parker = { number: '201', displayName: '佐藤', sipUser: '05030000001', tenantId: 1 };

afterEach(() => {
  vi.useRealTimers();
});

describe('ParkLot', () => {
  it('parks in the first free slot or the one asked for; a taken slot or a full lot is 486, an unknown one 404', () => {
    const sink = recordingSink();
    const lot = new ParkLot({ tenantId: 1, slotCodes: CODES, lineStates: sink, logger: silentLogger, onRecallDue: () => undefined });
    expect(lot.freeSlot(undefined)).toEqual({ ok: true, slotCode: '*71' });
    lot.park('*71', fakeParty('09012345678'), parker, 60_000);
    expect(lot.freeSlot('*71')).toMatchObject({ ok: false, status: 486 });
    expect(lot.freeSlot(undefined)).toEqual({ ok: true, slotCode: '*72' });
    lot.park('*72', fakeParty('202'), parker, 60_000);
    expect(lot.freeSlot(undefined)).toMatchObject({ ok: false, status: 486 });
    expect(lot.freeSlot('*79')).toMatchObject({ ok: false, status: 404 });
    expect(sink.events).toEqual(['occupied 1 *71 09012345678', 'occupied 1 *72 202']);
    lot.dispose();
    expect(sink.events.slice(2)).toEqual(['freed 1 *71', 'freed 1 *72']);
  });

  it('the parked party hears music, its hang-up frees the slot, a retrieval takes it out', () => {
    vi.useFakeTimers();
    const sink = recordingSink();
    const lot = new ParkLot({ tenantId: 1, slotCodes: CODES, lineStates: sink, logger: silentLogger, onRecallDue: () => undefined });
    const first = fakeParty('09012345678');
    lot.park('*71', first, parker, 60_000);
    vi.advanceTimersByTime(200);
    expect(first.heard.length).toBeGreaterThan(10);
    first.owner?.onLegEnded(first, 'bye'); // it hangs up
    expect(first.hungUp).toBe(true);
    expect(lot.freeSlot('*71')).toEqual({ ok: true, slotCode: '*71' });

    const second = fakeParty('203');
    lot.park('*71', second, parker, 60_000);
    const taken = lot.take('*71');
    expect(taken?.party).toBe(second);
    expect(taken?.parkedBy).toEqual(parker);
    const heard = second.heard.length;
    vi.advanceTimersByTime(200);
    expect(second.heard.length).toBe(heard); // no more music once taken
    expect(second.hungUp).toBe(false);
    expect(lot.take('*71')).toBeUndefined();
    expect(sink.events).toEqual(['occupied 1 *71 09012345678', 'freed 1 *71', 'occupied 1 *71 203', 'freed 1 *71']);
  });

  it('the recall is due after the recall time, and again after an unanswered recall', () => {
    vi.useFakeTimers();
    const due: string[] = [];
    const lot = new ParkLot({ tenantId: 1, slotCodes: CODES, lineStates: recordingSink(), logger: silentLogger, onRecallDue: (_lot, slot) => due.push(slot.code) });
    const party = fakeParty('09012345678');
    lot.park('*72', party, parker, 5_000);
    vi.advanceTimersByTime(4_900);
    expect(due).toEqual([]);
    vi.advanceTimersByTime(200);
    expect(due).toEqual(['*72']);
    const slot = lot.slot('*72')!;
    slot.recallStarted();
    expect(slot.isRecalling).toBe(true);
    slot.recallUnanswered(party, 5_000);
    expect(party.owner).toBe(slot); // back in the slot
    vi.advanceTimersByTime(5_100);
    expect(due).toEqual(['*72', '*72']);
  });
});
