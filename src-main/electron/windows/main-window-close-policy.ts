import type { PhoneSnapshot } from '../../../src-shared/domain/phone-snapshot.js';
import type { MainWindowCloseAction } from './main-window-slot.js';

/**
 * Closing the main window while logged in hides it: the phone keeps ringing and pops up.
 * Logged out there is nothing to keep running for, and until the tray (issue 7) offers 終了,
 * closing the window is how the user quits. Once the tray exists this becomes always 'hide'.
 */
export function mainWindowCloseAction(snapshot: PhoneSnapshot | null): MainWindowCloseAction {
  return snapshot?.account ? 'hide' : 'quit-app';
}
