import { useEffect, useId, useState } from 'react';
import type { AccountSummary } from '../../../../src-shared/domain/phone-snapshot.js';
import { formatJapaneseNumber } from '../../../../src-shared/domain/phone-number.js';
import { useT } from '../../../i18n/i18n-context.js';
import { usePhoneIntents, usePhoneStore, usePhoneView } from '../../../app/phone-context.js';
import { useDialSuggestions, type DialSuggestion } from '../hooks/use-dial-suggestions.js';
import { CallerNumberSelect } from './CallerNumberSelect.js';
import { TenkeyPad } from './TenkeyPad.js';

/**
 * The dial string, the tenkey and the call button. Keys typed anywhere in the main view reach
 * the dialer through useDialerKeyboard; the input here takes typing and pasting directly, and
 * offers matching phonebook entries (a combobox: arrows choose, Enter takes the number).
 */
export function DialerPanel({ account }: { account: AccountSummary }) {
  const t = useT();
  const store = usePhoneStore();
  const intents = usePhoneIntents();
  const dialer = usePhoneView((s) => s.dialer);
  const hintId = useId();
  const errorId = useId();
  const listId = useId();
  const term = dialer.query || dialer.digits;
  const suggestions = useDialSuggestions(term);
  const [active, setActive] = useState(-1);
  const [closedFor, setClosedFor] = useState<string | null>(null);
  const open = suggestions.length > 0 && closedFor !== term;
  useEffect(() => setActive(-1), [term]);

  const take = (suggestion: DialSuggestion) => {
    store.getState().setDialDigits(suggestion.digits);
    setClosedFor(suggestion.digits);
  };

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
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={open && active >= 0 ? `${listId}-${active}` : undefined}
          aria-label={t('dialer.input')}
          aria-describedby={dialer.error ? `${hintId} ${errorId}` : hintId}
          aria-invalid={dialer.error ? true : undefined}
          placeholder={t('dialer.placeholder')}
          data-testid="dial-input"
          value={term}
          onChange={(event) => store.getState().setDialDigits(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.nativeEvent.isComposing) return;
            if (open && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
              event.preventDefault();
              const last = suggestions.length - 1;
              setActive((current) =>
                event.key === 'ArrowDown' ? (current >= last ? 0 : current + 1) : current <= 0 ? last : current - 1,
              );
              return;
            }
            if (event.key === 'Enter') {
              event.preventDefault();
              const chosen = open ? suggestions[active >= 0 ? active : dialer.query ? 0 : -1] : undefined;
              if (chosen) take(chosen);
              else void intents.dial();
            } else if (event.key === 'Escape') {
              event.preventDefault();
              if (open) setClosedFor(term);
              else store.getState().clearDial();
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
          disabled={term.length === 0}
        >
          ⌫
        </button>
      </div>
      {open && (
        <ul className="suggestions" id={listId} role="listbox" aria-label={t('dialer.suggestions')} data-testid="dial-suggestions">
          {suggestions.map((suggestion, index) => (
            <li
              key={suggestion.key}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              className="suggestions__item"
              data-testid="dial-suggestion"
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => take(suggestion)}
            >
              <span className="suggestions__name">{suggestion.name}</span>
              {suggestion.company && <span className="suggestions__company">{suggestion.company}</span>}
              <span className="suggestions__number">
                {suggestion.label && <span className="suggestions__label">{suggestion.label}</span>}
                {formatJapaneseNumber(suggestion.digits)}
              </span>
              <span className="suggestions__book">{t(suggestion.book === 'web' ? 'dialer.bookWeb' : 'dialer.bookLocal')}</span>
            </li>
          ))}
        </ul>
      )}
      <p className="dialer__hint" id={hintId}>
        {t('dialer.keyHint')}
      </p>
      <TenkeyPad onKey={(key) => store.getState().appendDial(key)} />
      <div className="dialer__actions">
        <button
          type="button"
          className="btn btn--quiet"
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => store.getState().clearDial()}
          disabled={term.length === 0}
        >
          {t('dialer.clear')}
        </button>
        <CallerNumberSelect account={account} />
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
