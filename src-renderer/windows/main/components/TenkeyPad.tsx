import type { MouseEvent } from 'react';
import { useT } from '../../../i18n/i18n-context.js';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

/** Clicking must not move focus onto the key: Enter afterwards should call, not press the key again. */
const keepFocus = (event: MouseEvent) => event.preventDefault();

/** The on-screen tenkey (reachable with Tab; a mouse click leaves the focus where it was). */
export function TenkeyPad({ onKey }: { onKey: (key: string) => void }) {
  const t = useT();
  return (
    <div className="tenkey" role="group" aria-label={t('dialer.tenkey')}>
      {KEYS.map((key) => (
        <button
          key={key}
          type="button"
          className="tenkey__key"
          data-testid={`tenkey-${key === '*' ? 'star' : key === '#' ? 'hash' : key}`}
          onMouseDown={keepFocus}
          onClick={() => onKey(key)}
        >
          {key}
        </button>
      ))}
    </div>
  );
}
