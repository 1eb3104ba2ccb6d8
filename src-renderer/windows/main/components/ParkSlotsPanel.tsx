import { formatJapaneseNumber } from '../../../../src-shared/domain/phone-number.js';
import type { ParkSlotSnapshot } from '../../../../src-shared/domain/phone-snapshot.js';
import { usePhoneIntents, usePhoneView } from '../../../app/phone-context.js';
import { formatCallDuration } from '../../../format/call-duration.js';
import { useNow } from '../../../hooks/use-now.js';
import { useT } from '../../../i18n/i18n-context.js';

/** The park slots (パーク保留): who waits in which, for how long; a click takes the call. */
export function ParkSlotsPanel() {
  const t = useT();
  const slots = usePhoneView((s) => s.snapshot.parkSlots ?? []);
  if (slots.length === 0) return null;
  return (
    <section className="panel park-slots" aria-labelledby="park-heading" data-testid="park-slots">
      <h2 className="panel__heading" id="park-heading">
        {t('park.heading')}
      </h2>
      <ul className="slot-list">
        {slots.map((slot) => (
          <ParkSlotRow key={slot.code} slot={slot} />
        ))}
      </ul>
    </section>
  );
}

function ParkSlotRow({ slot }: { slot: ParkSlotSnapshot }) {
  const t = useT();
  const intents = usePhoneIntents();
  const now = useNow();
  const label = slot.name ? `${slot.code} ${slot.name}` : slot.code;
  if (!slot.occupied) {
    return (
      <li className="slot slot--free" data-testid="park-slot" data-slot={slot.code} data-occupied="false">
        <span className="slot__code">{label}</span>
        <span className="slot__state">{t('park.free')}</span>
      </li>
    );
  }
  const who = slot.parked ? slot.parked.displayName || formatJapaneseNumber(slot.parked.number) : t('park.unknownCaller');
  return (
    <li className="slot slot--occupied" data-testid="park-slot" data-slot={slot.code} data-occupied="true">
      <button
        type="button"
        className="slot__retrieve"
        data-testid="park-retrieve"
        aria-label={t('park.retrieveLabel', { slot: label, caller: who })}
        onClick={() => void intents.lineRequest('call.retrieve', { slot: slot.code })}
      >
        <span className="slot__code">{label}</span>
        <span className="slot__caller" data-testid="park-caller">
          {who}
          {slot.parked?.displayName && slot.parked.number && <span className="slot__number"> {formatJapaneseNumber(slot.parked.number)}</span>}
        </span>
        {slot.since !== undefined && (
          <span className="slot__time" role="timer" data-testid="park-time">
            {formatCallDuration(Math.max(0, now - slot.since))}
          </span>
        )}
        <span className="slot__action">{t('park.retrieve')}</span>
      </button>
    </li>
  );
}
