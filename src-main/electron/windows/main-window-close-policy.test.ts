import { describe, expect, it } from 'vitest';
import { emptyPhoneSnapshot } from '../../../src-shared/domain/phone-snapshot.js';
import { snapshotWith } from '../testing/snapshots.js';
import { mainWindowCloseAction } from './main-window-close-policy.js';

describe('mainWindowCloseAction', () => {
  it('hides while logged in (calls must still ring) and quits when logged out', () => {
    expect(mainWindowCloseAction(snapshotWith([]))).toBe('hide');
    expect(mainWindowCloseAction(emptyPhoneSnapshot())).toBe('quit-app');
    expect(mainWindowCloseAction(null)).toBe('quit-app');
  });
});

describe('mainWindowCloseAction with a tray', () => {
  it('always hides: the tray menu is the way to quit', () => {
    expect(mainWindowCloseAction(emptyPhoneSnapshot(), true)).toBe('hide');
    expect(mainWindowCloseAction(null, true)).toBe('hide');
  });
});
