import { usePhoneIntents, usePhoneView } from '../../../app/phone-context.js';
import { useT } from '../../../i18n/i18n-context.js';
import { ringingLines } from '../../../store/line-selectors.js';
import { IncomingCallPopup } from './IncomingCallPopup.js';

/**
 * The browser host's stand-in for the popup window: one popup per ringing call, stacked at the
 * top of the page; each disappears when its call stops ringing (the main view shows the call).
 */
export function RingingCallPopups() {
  const t = useT();
  const intents = usePhoneIntents();
  const lines = usePhoneView((s) => s.snapshot.lines);
  const actionError = usePhoneView((s) => s.lineActionError);
  const ringing = ringingLines(lines);
  if (ringing.length === 0) return null;
  return (
    <div className="popup-stack" role="region" aria-label={t('popup.title')}>
      {ringing.map((line) => (
        <IncomingCallPopup key={line.id} line={line} intents={intents} />
      ))}
      {actionError && (
        <p className="form-error" role="alert" data-testid="popup-error">
          {actionError}
        </p>
      )}
    </div>
  );
}
