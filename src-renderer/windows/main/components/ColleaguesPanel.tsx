import { formatJapaneseNumber } from '../../../../src-shared/domain/phone-number.js';
import type { ColleagueSnapshot } from '../../../../src-shared/domain/phone-snapshot.js';
import { usePhoneIntents, usePhoneView } from '../../../app/phone-context.js';
import { useT } from '../../../i18n/i18n-context.js';
import type { MessageKey } from '../../../i18n/ja.js';

const STATE_KEY: Readonly<Record<ColleagueSnapshot['state'], MessageKey>> = {
  idle: 'colleagues.idle',
  ringing: 'colleagues.ringing',
  busy: 'colleagues.busy',
  unknown: 'colleagues.unknown',
};

/** Colleagues' lines (dialog event package): who is free, ringing (pick it up in one click) or busy. */
export function ColleaguesPanel() {
  const t = useT();
  const intents = usePhoneIntents();
  const colleagues = usePhoneView((s) => s.snapshot.colleagues ?? []);
  if (colleagues.length === 0) return null;
  const anyRinging = colleagues.some((colleague) => colleague.state === 'ringing');
  return (
    <section className="panel colleagues" aria-labelledby="colleagues-heading" data-testid="colleagues">
      <div className="panel__header">
        <h2 className="panel__heading" id="colleagues-heading">
          {t('colleagues.heading')}
        </h2>
        <button
          type="button"
          className="btn btn--quiet"
          data-testid="group-pickup"
          disabled={!anyRinging}
          onClick={() => void intents.lineRequest('call.pickup', {})}
        >
          {t('colleagues.groupPickup')}
        </button>
      </div>
      <ul className="colleague-list">
        {colleagues.map((colleague) => (
          <li key={colleague.extension} className={`colleague colleague--${colleague.state}`} data-testid="colleague" data-extension={colleague.extension} data-state={colleague.state}>
            <span className="colleague__ext">{colleague.extension}</span>
            <span className="colleague__name">{colleague.name}</span>
            <span className="colleague__state">{t(STATE_KEY[colleague.state])}</span>
            {colleague.caller && (
              <span className="colleague__caller" data-testid="colleague-caller">
                {colleague.caller.displayName || formatJapaneseNumber(colleague.caller.number)}
              </span>
            )}
            {colleague.state === 'ringing' && (
              <button
                type="button"
                className="btn btn--answer"
                data-testid="colleague-pickup"
                aria-label={t('colleagues.pickupLabel', { name: colleague.name })}
                onClick={() => void intents.lineRequest('call.pickup', { extension: colleague.extension })}
              >
                {t('colleagues.pickup')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
