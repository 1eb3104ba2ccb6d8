import { usePhoneIntents, usePhoneView } from '../../app/phone-context.js';
import { popupWindowLines } from '../../store/line-selectors.js';
import { IncomingCallPopup } from './components/IncomingCallPopup.js';

/**
 * The Electron popup window's page: one card per call, stacked — ringing calls first, then
 * answered ones — the same calls main sized and showed the window for (inactive, top of the
 * screen); empty when main has hidden it. Enter/Esc act on the first (oldest ringing) card.
 */
export function PopupWindow() {
  const intents = usePhoneIntents();
  const lines = usePhoneView((s) => s.snapshot.lines);
  const actionError = usePhoneView((s) => s.lineActionError);
  const shown = popupWindowLines(lines);
  return (
    <main className="popup-window">
      {shown.map((line, index) => (
        <IncomingCallPopup key={line.id} line={line} intents={intents} ownsWindowKeys={index === 0} />
      ))}
      {shown.length > 0 && actionError && (
        <p className="form-error" role="alert" data-testid="popup-error">
          {actionError}
        </p>
      )}
    </main>
  );
}
