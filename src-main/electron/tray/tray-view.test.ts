import { describe, expect, it } from 'vitest';
import { emptyPhoneSnapshot, type PhoneSnapshot } from '../../../src-shared/domain/phone-snapshot.js';
import { sameTrayView, trayView } from './tray-view.js';

const account = {
  loginId: '05030000001',
  displayName: '佐藤',
  extension: '201',
  directNumber: '05030000001',
  callerNumbers: [],
  defaultCallerNumber: '0355550100',
};

const loggedIn = (patch: Partial<PhoneSnapshot> = {}): PhoneSnapshot => ({
  ...emptyPhoneSnapshot(),
  version: 3,
  account,
  registration: { state: 'registered', error: null },
  ...patch,
});

describe('trayView', () => {
  it('logged out: the plain icon, only show and quit enabled', () => {
    const view = trayView(emptyPhoneSnapshot());
    expect(view.icon).toBe('loggedOut');
    expect(view.tooltip).toBe('PlusPhone\nログインしていません');
    expect(view.items.filter((i) => i.enabled).map((i) => i.action)).toEqual(['showMain', 'quit']);
  });

  it('registered with missed calls: badge, count in tooltip and menu, DND check box', () => {
    const view = trayView(loggedIn({ missedCalls: 3, dnd: true }));
    expect(view).toMatchObject({ icon: 'registered', badge: true });
    expect(view.tooltip).toBe('PlusPhone — 佐藤 (201)\n登録済み\n不在着信 3 件');
    expect(view.items.find((i) => i.action === 'showHistory')?.label).toBe('不在着信 3 件を見る');
    expect(view.items.find((i) => i.action === 'toggleDnd')).toMatchObject({ checked: true, enabled: true });
  });

  it('says reconnecting and offline from the connection state, in English too', () => {
    const reconnecting = loggedIn({ connection: { state: 'reconnecting', attempt: 2, nextRetryAt: 1, reason: null } });
    expect(trayView(reconnecting).icon).toBe('connecting');
    expect(trayView(reconnecting).tooltip).toContain('再接続中');
    const offline = loggedIn({ registration: { state: 'failed', error: null } });
    expect(trayView(offline, 'en')).toMatchObject({ icon: 'offline' });
    expect(trayView(offline, 'en').tooltip).toContain('Offline');
  });

  it('changes only when something shown changes', () => {
    expect(sameTrayView(trayView(loggedIn()), trayView(loggedIn({ version: 9 })))).toBe(true);
    expect(sameTrayView(trayView(loggedIn()), trayView(loggedIn({ missedCalls: 1 })))).toBe(false);
  });
});
