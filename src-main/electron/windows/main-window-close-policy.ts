import type { PhoneSnapshot } from '../../../src-shared/domain/phone-snapshot.js';
import type { MainWindowCloseAction } from './main-window-slot.js';

/**
 * Closing the main window hides it: logged in, the phone keeps ringing and pops up; with a tray
 * icon, the tray's 終了 is how the user quits. Only without a tray (a platform or session that
 * has none) and logged out does closing the window quit, or there would be no way out.
 */
export function mainWindowCloseAction(snapshot: PhoneSnapshot | null, hasTray = false): MainWindowCloseAction {
  return hasTray || snapshot?.account ? 'hide' : 'quit-app';
}
