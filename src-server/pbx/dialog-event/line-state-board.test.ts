import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { dialogInfoXml } from './dialog-info-xml.js';
import { LineStateBoard } from './line-state-board.js';
import { grantedExpiry, DEFAULT_SUBSCRIPTION_EXPIRY } from './subscription-expiry.js';

const caller = { number: '0312345678', displayName: '山田 <script>' };

describe('LineStateBoard', () => {
  it('tracks ringing → busy → released per SIP user and tells only that resource’s watchers', () => {
    const board = new LineStateBoard(() => 1000);
    const seenB: number[] = [];
    const seenC: number[] = [];
    board.watch({ kind: 'identity', sipUser: 'B' }, () => seenB.push(board.dialogsOf({ kind: 'identity', sipUser: 'B' }).length));
    board.watch({ kind: 'identity', sipUser: 'C' }, () => seenC.push(1));
    board.ringing('B', 'call-1', caller);
    board.ringing('B', 'call-1', caller); // a second device of B rings: no change
    expect(board.dialogsOf({ kind: 'identity', sipUser: 'B' })).toEqual([
      { id: 'call-1', state: 'early', direction: 'recipient', remote: caller, since: 1000 },
    ]);
    board.busy('B', 'call-1', caller, 'recipient');
    expect(board.dialogsOf({ kind: 'identity', sipUser: 'B' })[0]!.state).toBe('confirmed');
    board.released('B', 'call-1');
    board.released('B', 'call-1'); // twice: no change
    expect(board.dialogsOf({ kind: 'identity', sipUser: 'B' })).toEqual([]);
    expect(seenB).toEqual([1, 1, 0]);
    expect(seenC).toEqual([]);
  });

  it('keeps park slots per tenant and survives a watcher that throws', () => {
    const board = new LineStateBoard();
    const slot = { kind: 'parkSlot', tenantId: 1, slotCode: '*71' } as const;
    let told = 0;
    board.watch(slot, () => {
      throw new Error('subscriber bug');
    });
    const stop = board.watch(slot, () => told++);
    board.slotOccupied(1, '*71', caller, 5000);
    expect(board.dialogsOf({ kind: 'parkSlot', tenantId: 2, slotCode: '*71' })).toEqual([]);
    expect(board.dialogsOf(slot)).toHaveLength(1);
    board.slotFreed(1, '*71');
    expect(board.dialogsOf(slot)).toEqual([]);
    expect(told).toBe(2);
    stop();
    expect(board.watcherCount).toBe(1);
  });
});

describe('dialogInfoXml', () => {
  it('is RFC 4235 full state with every value escaped', () => {
    const xml = dialogInfoXml({
      entity: 'sip:202@plusphone.test',
      version: 3,
      dialogs: [{ id: 'a"b', state: 'early', direction: 'recipient', remote: caller, since: Date.now() }],
      remoteUri: (n) => `sip:${n}@plusphone.test`,
    });
    expect(xml).not.toContain('<script>');
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml) as {
      'dialog-info': { version: string; state: string; entity: string; dialog: { id: string; direction: string; state: string; remote: { identity: { display: string; '#text': string } } } };
    };
    const info = parsed['dialog-info'];
    expect(info).toMatchObject({ version: '3', state: 'full', entity: 'sip:202@plusphone.test' });
    expect(info.dialog).toMatchObject({ id: 'a"b', direction: 'recipient', state: 'early' });
    expect(info.dialog.remote.identity).toEqual({ display: '山田 <script>', '#text': 'sip:0312345678@plusphone.test' });
  });

  it('has no dialog element for an idle resource', () => {
    const xml = dialogInfoXml({ entity: 'sip:*71@plusphone.test', version: 1, dialogs: [], remoteUri: (n) => n });
    expect(xml).toContain('entity="sip:*71@plusphone.test"');
    expect(xml).not.toContain('<dialog ');
  });
});

describe('grantedExpiry', () => {
  it('defaults, caps, refuses too brief and garbage, and lets 0 unsubscribe', () => {
    const limits = DEFAULT_SUBSCRIPTION_EXPIRY;
    expect(grantedExpiry(undefined, limits)).toEqual({ kind: 'granted', seconds: 3600 });
    expect(grantedExpiry('999999', limits)).toEqual({ kind: 'granted', seconds: 3600 });
    expect(grantedExpiry('600', limits)).toEqual({ kind: 'granted', seconds: 600 });
    expect(grantedExpiry('30', limits)).toEqual({ kind: 'tooBrief' });
    expect(grantedExpiry('0', limits)).toEqual({ kind: 'granted', seconds: 0 });
    expect(grantedExpiry('-5', limits)).toEqual({ kind: 'invalid' });
    expect(grantedExpiry('12abc', limits)).toEqual({ kind: 'invalid' });
  });
});
