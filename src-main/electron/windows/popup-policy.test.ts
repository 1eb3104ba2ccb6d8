import { describe, expect, it } from 'vitest';
import { emptyPhoneSnapshot } from '../../../src-shared/domain/phone-snapshot.js';
import { line, snapshotWith } from '../testing/snapshots.js';
import { popupIntents } from './popup-policy.js';

describe('popupIntents', () => {
  it('has no popup when logged out or idle', () => {
    expect(popupIntents(emptyPhoneSnapshot())).toEqual([]);
    expect(popupIntents(snapshotWith([]))).toEqual([]);
  });

  it('pops up for a ringing incoming call, on top', () => {
    expect(popupIntents(snapshotWith([line({ id: 'L1' })]))).toEqual([
      { lineId: 'L1', ringing: true, alwaysOnTop: true },
    ]);
  });

  it('keeps the popup for an answered incoming call', () => {
    expect(popupIntents(snapshotWith([line({ id: 'L1', state: 'connected', connectedAt: 2_000 })]))).toEqual([
      { lineId: 'L1', ringing: false, alwaysOnTop: true },
    ]);
  });

  it('has no popup for outgoing calls or ended calls', () => {
    const lines = [
      line({ id: 'out1', direction: 'outgoing', state: 'ringingOut' }),
      line({ id: 'out2', direction: 'outgoing', state: 'connected' }),
      line({ id: 'gone', state: 'ended', endReason: 'answeredElsewhere' }),
    ];
    expect(popupIntents(snapshotWith(lines))).toEqual([]);
  });

  it('orders ringing calls first, each group oldest first', () => {
    const lines = [
      line({ id: 'answered', state: 'connected', startedAt: 100 }),
      line({ id: 'ringing-new', startedAt: 300 }),
      line({ id: 'ringing-old', startedAt: 200 }),
    ];
    expect(popupIntents(snapshotWith(lines)).map((i) => i.lineId)).toEqual(['ringing-old', 'ringing-new', 'answered']);
  });
});
