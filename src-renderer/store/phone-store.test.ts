import { describe, expect, it } from 'vitest';
import { emptyPhoneSnapshot, type PhoneSnapshot } from '../../src-shared/domain/phone-snapshot.js';
import { createPhoneStore, MAX_DIAL_LENGTH } from './phone-store.js';

const snapshot = (version: number, over: Partial<PhoneSnapshot> = {}): PhoneSnapshot => ({
  ...emptyPhoneSnapshot(),
  version,
  ...over,
});

describe('phone store', () => {
  it('keeps the newest snapshot when pushes cross', () => {
    const store = createPhoneStore();
    store.getState().applySnapshot(snapshot(3, { registration: { state: 'registered', error: null } }));
    store.getState().applySnapshot(snapshot(2, { registration: { state: 'connecting', error: null } }));
    expect(store.getState().snapshot.version).toBe(3);
    expect(store.getState().snapshot.registration.state).toBe('registered');
    store.getState().applySnapshot(snapshot(4));
    expect(store.getState().snapshot.version).toBe(4);
  });

  it('keeps only dialable characters, folded to ASCII, and caps the length', () => {
    const store = createPhoneStore();
    store.getState().appendDial('０３-5555 (0100)');
    expect(store.getState().dialer.digits).toBe('0355550100');
    store.getState().setDialDigits('*71#abc');
    expect(store.getState().dialer.digits).toBe('*71#');
    store.getState().setDialDigits('9'.repeat(100));
    expect(store.getState().dialer.digits).toHaveLength(MAX_DIAL_LENGTH);
  });

  it('edits the dial string and clears its error on the next edit', () => {
    const store = createPhoneStore();
    store.getState().appendDial('202');
    store.getState().setDialStatus({ pending: false, error: 'この番号は使われていません' });
    store.getState().backspaceDial();
    expect(store.getState().dialer).toMatchObject({ digits: '20', error: null });
    store.getState().clearDial();
    expect(store.getState().dialer.digits).toBe('');
  });

  it('forgets the chosen caller number on logout', () => {
    const store = createPhoneStore();
    store.getState().chooseCallerNumber('0355550200');
    store.getState().applySnapshot(snapshot(1));
    expect(store.getState().dialer.callerNumber).toBeNull();
  });
});

describe('phone store: name search in the dial field', () => {
  it('keeps kana or letters as a search, not as a number, and a number clears it', () => {
    const store = createPhoneStore();
    store.getState().setDialDigits('たなか');
    expect(store.getState().dialer).toMatchObject({ digits: '', query: 'たなか' });
    store.getState().backspaceDial();
    expect(store.getState().dialer.query).toBe('たな');
    store.getState().setDialDigits('03-5555');
    expect(store.getState().dialer).toMatchObject({ digits: '035555', query: '' });
    store.getState().setDialDigits('Sato');
    store.getState().appendDial('1');
    expect(store.getState().dialer).toMatchObject({ digits: '1', query: '' });
    store.getState().setDialDigits('TEL: ０３-5555');
    expect(store.getState().dialer).toMatchObject({ digits: '035555', query: '' });
    store.getState().setDialDigits('ｻﾄｳ');
    store.getState().clearDial();
    expect(store.getState().dialer).toMatchObject({ digits: '', query: '' });
  });
});
