import { usePhoneIntents, usePhoneView } from '../../app/phone-context.js';
import { popupWindowLine } from '../../store/line-selectors.js';
import { IncomingCallPopup } from './components/IncomingCallPopup.js';

/**
 * The Electron popup window's page. Main shows the window (inactive, top of the screen) for
 * the same call this page picks: the oldest ringing call, else the oldest answered one; it
 * hides the window when there is none, and the page is empty then.
 */
export function PopupWindow() {
  const intents = usePhoneIntents();
  const lines = usePhoneView((s) => s.snapshot.lines);
  const actionError = usePhoneView((s) => s.lineActionError);
  const line = popupWindowLine(lines);
  return (
    <main className="popup-window">
      {line && <IncomingCallPopup key={line.id} line={line} intents={intents} ownsWindowKeys />}
      {line && actionError && (
        <p className="form-error" role="alert" data-testid="popup-error">
          {actionError}
        </p>
      )}
    </main>
  );
}
