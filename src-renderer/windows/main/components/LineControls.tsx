import { useId, useState, type FormEvent } from 'react';
import type { LineSnapshot } from '../../../../src-shared/domain/phone-snapshot.js';
import { formatJapaneseNumber } from '../../../../src-shared/domain/phone-number.js';
import { usePhoneIntents, usePhoneView } from '../../../app/phone-context.js';
import { useT } from '../../../i18n/i18n-context.js';

const DTMF_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;
type Panel = 'none' | 'dtmf' | 'transfer' | 'park';

/** What can be done with a call that is up: hold, mute, DTMF, transfer, park, hang up. */
export function LineControls({ line }: { line: LineSnapshot }) {
  const t = useT();
  const intents = usePhoneIntents();
  const [panel, setPanel] = useState<Panel>('none');
  const held = line.state === 'held';
  const muted = line.muted === true;
  const toggle = (next: Panel) => setPanel((current) => (current === next ? 'none' : next));
  return (
    <div className="line-controls">
      <div className="line__actions" role="group" aria-label={t('controls.label')}>
        <button
          type="button"
          className="btn btn--quiet"
          aria-pressed={held}
          data-testid="line-hold"
          onClick={() => void intents.lineRequest(held ? 'call.resume' : 'call.hold', { lineId: line.id })}
        >
          {t(held ? 'controls.resume' : 'controls.hold')}
        </button>
        <button
          type="button"
          className="btn btn--quiet"
          aria-pressed={muted}
          data-testid="line-mute"
          disabled={held}
          onClick={() => void intents.lineRequest('call.mute', { lineId: line.id, muted: !muted })}
        >
          {t(muted ? 'controls.unmute' : 'controls.mute')}
        </button>
        <button type="button" className="btn btn--quiet" aria-expanded={panel === 'dtmf'} data-testid="line-dtmf-toggle" disabled={held} onClick={() => toggle('dtmf')}>
          {t('controls.dtmf')}
        </button>
        <button type="button" className="btn btn--quiet" aria-expanded={panel === 'transfer'} data-testid="line-transfer-toggle" onClick={() => toggle('transfer')}>
          {t('controls.transfer')}
        </button>
        <button type="button" className="btn btn--quiet" aria-expanded={panel === 'park'} data-testid="line-park-toggle" onClick={() => toggle('park')}>
          {t('controls.park')}
        </button>
        <button type="button" className="btn btn--hangup" data-testid="line-hangup" onClick={() => void intents.hangup(line.id)}>
          {t('lines.hangup')}
        </button>
      </div>
      {panel === 'dtmf' && <DtmfPad lineId={line.id} />}
      {panel === 'transfer' && <TransferForm line={line} onDone={() => setPanel('none')} />}
      {panel === 'park' && <ParkChoice lineId={line.id} onDone={() => setPanel('none')} />}
    </div>
  );
}

function DtmfPad({ lineId }: { lineId: string }) {
  const t = useT();
  const intents = usePhoneIntents();
  return (
    <div className="tenkey tenkey--small" role="group" aria-label={t('controls.dtmf')} data-testid="line-dtmf-pad">
      {DTMF_KEYS.map((key) => (
        <button key={key} type="button" className="tenkey__key" data-testid={`line-dtmf-${key}`} onClick={() => void intents.lineRequest('call.dtmf', { lineId, digits: key })}>
          {key}
        </button>
      ))}
    </div>
  );
}

function TransferForm({ line, onDone }: { line: LineSnapshot; onDone: () => void }) {
  const t = useT();
  const intents = usePhoneIntents();
  const inputId = useId();
  const [target, setTarget] = useState('');
  // attended transfer: connect this caller to someone we are talking to (or holding) on another line
  const others = usePhoneView((s) => s.snapshot.lines.filter((other) => other.id !== line.id && (other.state === 'connected' || other.state === 'held')));
  const blind = async (event: FormEvent) => {
    event.preventDefault();
    if (await intents.lineRequest('call.transferBlind', { lineId: line.id, target })) onDone();
  };
  return (
    <div className="line-panel" data-testid="line-transfer">
      <form className="line-panel__row" onSubmit={(event) => void blind(event)}>
        <label htmlFor={inputId}>{t('controls.transferTo')}</label>
        <input
          id={inputId}
          className="field__control"
          inputMode="tel"
          autoComplete="off"
          value={target}
          maxLength={64}
          data-testid="line-transfer-target"
          onChange={(event) => setTarget(event.target.value)}
        />
        <button type="submit" className="btn btn--primary" data-testid="line-transfer-blind" disabled={target.trim() === ''}>
          {t('controls.transferBlind')}
        </button>
      </form>
      {others.map((other) => (
        <button
          key={other.id}
          type="button"
          className="btn btn--quiet"
          data-testid="line-transfer-attended"
          onClick={() => void intents.lineRequest('call.transferAttended', { lineId: line.id, otherLineId: other.id }).then((ok) => ok && onDone())}
        >
          {t('controls.transferAttended', { party: other.remoteName || formatJapaneseNumber(other.remoteNumber) })}
        </button>
      ))}
    </div>
  );
}

function ParkChoice({ lineId, onDone }: { lineId: string; onDone: () => void }) {
  const t = useT();
  const intents = usePhoneIntents();
  const freeSlots = usePhoneView((s) => (s.snapshot.parkSlots ?? []).filter((slot) => !slot.occupied));
  const park = (slot?: string) => void intents.lineRequest('call.park', slot ? { lineId, slot } : { lineId }).then((ok) => ok && onDone());
  return (
    <div className="line-panel line-panel__row" data-testid="line-park">
      <button type="button" className="btn btn--primary" data-testid="line-park-any" onClick={() => park()}>
        {t('controls.parkAny')}
      </button>
      {freeSlots.map((slot) => (
        <button key={slot.code} type="button" className="btn btn--quiet" data-testid={`line-park-${slot.code}`} onClick={() => park(slot.code)}>
          {slot.name ? `${slot.code} ${slot.name}` : slot.code}
        </button>
      ))}
    </div>
  );
}
