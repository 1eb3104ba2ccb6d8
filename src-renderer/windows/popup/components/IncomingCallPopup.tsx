import { useEffect, useId, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { formatJapaneseNumber } from '../../../../src-shared/domain/phone-number.js';
import type { LineSnapshot } from '../../../../src-shared/domain/phone-snapshot.js';
import { CallTimer } from '../../../components/CallTimer.js';
import { useT } from '../../../i18n/i18n-context.js';
import type { PhoneIntents } from '../../../store/phone-intents.js';
import { PopupTools } from './PopupTools.js';

export interface IncomingCallPopupProps {
  line: LineSnapshot;
  intents: Pick<PhoneIntents, 'answer' | 'reject' | 'hangup' | 'lineRequest' | 'request'>;
  /**
   * In the Electron popup window the whole window is the popup: Enter/Esc count wherever the
   * focus is inside it. In the page overlay only keys aimed at the popup count.
   */
  ownsWindowKeys?: boolean;
}

type PopupAction = 'answer' | 'reject' | 'hangup';

/** Enter answers and Esc rejects a ringing call; an answered call ignores both (no hang-up by accident). */
function keyAction(key: string, target: EventTarget | null, ringing: boolean): PopupAction | null {
  if (!ringing) return null;
  // A focused button handles its own Enter (Enter on 拒否 must not answer).
  const onButton = target instanceof Element && target.closest('button') !== null;
  if (key === 'Enter' && !onButton) return 'answer';
  if (key === 'Escape') return 'reject';
  return null;
}

/**
 * An incoming call: who calls (number the Japanese way, and name) and which company number
 * was called; 応答 / 拒否 while it rings, the call time and 切断 once answered. It never takes
 * the focus by itself; once the user clicks or tabs into it, Enter answers and Esc rejects.
 */
export function IncomingCallPopup({ line, intents, ownsWindowKeys = false }: IncomingCallPopupProps) {
  const t = useT();
  const ids = useId();
  const [busy, setBusy] = useState(false);
  // The state alone lets a second Enter or click through before React re-renders (a second
  // answer, then an error shown for it); the ref closes that window at once.
  const inFlight = useRef(false);
  const ringing = line.state === 'ringingIn';

  const act = (action: PopupAction) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    void intents[action](line.id).finally(() => {
      inFlight.current = false;
      setBusy(false);
    });
  };

  const onKeyDown = (event: ReactKeyboardEvent) => {
    const action = keyAction(event.key, event.target, ringing);
    if (!action) return;
    event.preventDefault();
    event.stopPropagation();
    act(action);
  };

  // Re-registered on every render so the listener always acts on the current line and state.
  useEffect(() => {
    if (!ownsWindowKeys) return;
    // keys that reach the body: the window has focus but no element in it does
    const onWindowKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.target !== event.currentTarget) return;
      const action = keyAction(event.key, null, ringing);
      if (!action) return;
      event.preventDefault();
      act(action);
    };
    const body = document.body;
    body.addEventListener('keydown', onWindowKey);
    return () => body.removeEventListener('keydown', onWindowKey);
  });

  const called = line.calledNumber ? formatJapaneseNumber(line.calledNumber) : null;
  return (
    <section
      className={`popup popup--${ringing ? 'ringing' : 'in-call'}`}
      role={ringing ? 'alertdialog' : 'dialog'}
      aria-labelledby={`${ids}-title ${ids}-caller`}
      aria-describedby={ringing ? `${ids}-hint` : undefined}
      tabIndex={-1}
      data-testid="incoming-popup"
      data-line-id={line.id}
      data-state={line.state}
      onKeyDown={onKeyDown}
    >
      <header className="popup__header">
        <span className="popup__title" id={`${ids}-title`}>
          {t(ringing ? 'popup.title' : 'popup.inCall')}
        </span>
        {(line.state === 'connected' || line.state === 'held') && line.connectedAt !== null && (
          <CallTimer connectedAt={line.connectedAt} className="popup__timer" testId="popup-timer" />
        )}
        {called && (
          <span className="popup__called" data-testid="popup-called">
            <span className="visually-hidden">{t('popup.calledNumber')}: </span>
            {line.calledLabel && (
              <span className="popup__called-label" data-testid="popup-called-label">
                {line.calledLabel}
              </span>
            )}
            <span className="popup__called-number" data-testid="popup-called-number">
              {called}
            </span>
          </span>
        )}
      </header>
      <div className="popup__caller" id={`${ids}-caller`}>
        <span className="popup__number" data-testid="popup-caller-number">
          {formatJapaneseNumber(line.remoteNumber)}
        </span>
        {(line.contact?.name || line.remoteName) && (
          <span className="popup__name" data-testid="popup-caller-name">
            {line.contact?.name || line.remoteName}
          </span>
        )}
        {line.contact && (line.contact.company || line.contact.department) && (
          <span className="popup__company" data-testid="popup-caller-company">
            {[line.contact.company, line.contact.department].filter(Boolean).join(' ')}
          </span>
        )}
        {line.ivrDigits && (
          <span className="popup__ivr" data-testid="popup-ivr">
            {t('popup.ivr', { digits: line.ivrDigits })}
          </span>
        )}
      </div>
      <PopupTools line={line} intents={intents} />
      <div className="popup__actions">
        {ringing ? (
          <>
            <button type="button" className="btn btn--answer" data-testid="popup-answer" disabled={busy} onClick={() => act('answer')}>
              {t('popup.answer')}
            </button>
            <button type="button" className="btn btn--reject" data-testid="popup-reject" disabled={busy} onClick={() => act('reject')}>
              {t('popup.reject')}
            </button>
          </>
        ) : (
          <>
            {(line.state === 'connected' || line.state === 'held') && (
              <>
                <button
                  type="button"
                  className="btn btn--quiet"
                  aria-pressed={line.state === 'held'}
                  data-testid="popup-hold"
                  onClick={() => void intents.lineRequest(line.state === 'held' ? 'call.resume' : 'call.hold', { lineId: line.id })}
                >
                  {t(line.state === 'held' ? 'controls.resume' : 'controls.hold')}
                </button>
                <button
                  type="button"
                  className="btn btn--quiet"
                  aria-pressed={line.muted === true}
                  data-testid="popup-mute"
                  onClick={() => void intents.lineRequest('call.mute', { lineId: line.id, muted: line.muted !== true })}
                >
                  {t(line.muted ? 'controls.unmute' : 'controls.mute')}
                </button>
                <button type="button" className="btn btn--quiet" data-testid="popup-park" onClick={() => void intents.lineRequest('call.park', { lineId: line.id })}>
                  {t('controls.park')}
                </button>
              </>
            )}
            <button type="button" className="btn btn--hangup" data-testid="popup-hangup" disabled={busy} onClick={() => act('hangup')}>
              {t('popup.hangup')}
            </button>
          </>
        )}
      </div>
      {ringing && (
        <p className="popup__hint" id={`${ids}-hint`}>
          {t('popup.keyHint')}
        </p>
      )}
    </section>
  );
}
