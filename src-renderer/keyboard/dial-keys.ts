/** What a key press means to the dialer. */
export type DialKeyAction =
  | { type: 'append'; text: string }
  | { type: 'call' }
  | { type: 'backspace' }
  | { type: 'clear' };

export interface KeyPress {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/** Numpad keys by code, so they dial even with NumLock off (where `key` is e.g. "End"). */
const NUMPAD: Readonly<Record<string, string>> = {
  Numpad0: '0', Numpad1: '1', Numpad2: '2', Numpad3: '3', Numpad4: '4',
  Numpad5: '5', Numpad6: '6', Numpad7: '7', Numpad8: '8', Numpad9: '9',
  NumpadMultiply: '*',
};

/**
 * Digits, `*` and `#` from the main keyboard or the numpad; Enter (or numpad Enter) calls,
 * Backspace deletes, Esc clears. Shortcuts with Ctrl/Alt/Meta are left to the browser.
 */
export function dialKeyAction(press: KeyPress): DialKeyAction | null {
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  const numpad = NUMPAD[press.code];
  if (numpad !== undefined) return { type: 'append', text: numpad };
  if (/^[0-9*#]$/.test(press.key)) return { type: 'append', text: press.key };
  switch (press.key) {
    case 'Enter':
      return { type: 'call' };
    case 'Backspace':
      return { type: 'backspace' };
    case 'Escape':
      return { type: 'clear' };
    default:
      return null;
  }
}

/** Elements that take typed text themselves: the dialer leaves their keys alone. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const element = target as HTMLElement;
  if (element.isContentEditable) return true;
  if (element.tagName === 'TEXTAREA' || element.tagName === 'SELECT') return true;
  if (element.tagName !== 'INPUT') return false;
  const type = (element as HTMLInputElement).type;
  return !['button', 'submit', 'reset', 'checkbox', 'radio', 'range', 'color', 'file'].includes(type);
}

/** Enter and Space activate a focused button or link; the dialer must not take them. */
export function activatesFocusedControl(target: EventTarget | null, key: string): boolean {
  if (key !== 'Enter' && key !== ' ') return false;
  if (!target || typeof (target as Element).closest !== 'function') return false;
  return (target as Element).closest('button, a[href], summary, [role="button"]') !== null;
}
