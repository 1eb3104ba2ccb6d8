import { useId } from 'react';
import type { AccountSummary } from '../../../../src-shared/domain/phone-snapshot.js';
import { useT } from '../../../i18n/i18n-context.js';
import { usePhoneIntents, usePhoneStore, usePhoneView } from '../../../app/phone-context.js';
import { CallerNumberSelect } from './CallerNumberSelect.js';
import { TenkeyPad } from './TenkeyPad.js';

/**
 * The dial string, the tenkey and the call button. Keys typed anywhere in the main view reach
 * the dialer through useDialerKeyboard; the input here takes typing and pasting directly.
 */
export function DialerPanel({ account }: { account: AccountSummary }) {
  const t = useT();
  const store = usePhoneStore();
  const intents = usePhoneIntents();
  const dialer = usePhoneView((s) => s.dialer);
  const hintId = useId();
  const errorId = useId();

  return (
    <section className="panel dialer" aria-labelledby={`${hintId}-heading`}>
      <h2 className="panel__heading" id={`${hintId}-heading`}>
        {t('dialer.heading')}
      </h2>
      <div className="dialer__display">
        <input
          className="dialer__input"
          type="text"
          inputMode="tel"
          autoComplete="off"
          spellCheck={false}
          aria-label={t('dialer.input')}
          aria-describedby={dialer.error ? `${hintId} ${errorId}` : hintId}
          aria-invalid={dialer.error ? true : undefined}
          placeholder={t('dialer.placeholder')}
          data-testid="dial-input"
          value={dialer.digits}
          onChange={(event) => store.getState().setDialDigits(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              void intents.dial();
            } else if (event.key === 'Escape') {
              event.preventDefault();
              store.getState().clearDial();
            }
          }}
        />
        <button
          type="button"
          className="btn btn--quiet dialer__edit"
          aria-label={t('dialer.backspace')}
          title={t('dialer.backspace')}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => store.getState().backspaceDial()}
          disabled={dialer.digits.length === 0}
        >
          ⌫
        </button>
      </div>
      <p className="dialer__hint" id={hintId}>
        {t('dialer.keyHint')}
      </p>
      <CallerNumberSelect account={account} />
      <TenkeyPad onKey={(key) => store.getState().appendDial(key)} />
      <div className="dialer__actions">
        <button
          type="button"
          className="btn btn--quiet"
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => store.getState().clearDial()}
          disabled={dialer.digits.length === 0}
        >
          {t('dialer.clear')}
        </button>
        <button
          type="button"
          className="btn btn--call"
          data-testid="dial-button"
          onClick={() => void intents.dial()}
          disabled={dialer.pending || dialer.digits.length === 0}
        >
          {t('dialer.call')}
        </button>
      </div>
      {dialer.error && (
        <p className="form-error" role="alert" id={errorId} data-testid="dial-error">
          {dialer.error}
        </p>
      )}
    </section>
  );
}
