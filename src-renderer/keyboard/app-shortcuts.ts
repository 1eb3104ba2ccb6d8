import {
  SHORTCUT_ACTIONS,
  type PhoneSettings,
  type ShortcutAction,
} from '../../src-shared/contract/requests/settings.js';

/** What a shortcut needs of a key event (KeyboardEvent has all of it). */
export interface ShortcutKeyPress {
  key: string;
  code: string;
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
}

/** `key` values that name the same keys as the settings' canonical names (see normalizeShortcut). */
const NAMED: Readonly<Record<string, string>> = {
  Enter: 'Enter',
  ' ': 'Space',
  Tab: 'Tab',
  Escape: 'Escape',
  Backspace: 'Backspace',
  Delete: 'Delete',
  Insert: 'Insert',
  Home: 'Home',
  End: 'End',
  PageUp: 'PageUp',
  PageDown: 'PageDown',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
};

/**
 * The key press in the settings' canonical form ("Ctrl+Shift+A"), or null for a lone modifier
 * or a key shortcuts cannot use. Letters and digits come from `code`, so Shift (which changes
 * `key` to "!" or "A") and the Japanese keyboard layout do not change what was pressed.
 */
export function acceleratorOf(press: ShortcutKeyPress): string | null {
  let key: string | undefined;
  const letter = /^Key([A-Z])$/.exec(press.code);
  const digit = /^Digit([0-9])$/.exec(press.code);
  if (letter) key = letter[1];
  else if (digit) key = digit[1];
  else if (/^F([1-9]|1\d|2[0-4])$/.test(press.key)) key = press.key;
  else key = NAMED[press.key];
  if (key === undefined) return null;
  const modifiers = [press.ctrlKey && 'Ctrl', press.altKey && 'Alt', press.shiftKey && 'Shift', press.metaKey && 'Meta'].filter(
    (part): part is string => typeof part === 'string',
  );
  return [...modifiers, key].join('+');
}

/** Which action the key press is bound to, if any. */
export function shortcutActionOf(press: ShortcutKeyPress, shortcuts: PhoneSettings['shortcuts']): ShortcutAction | null {
  const accelerator = acceleratorOf(press);
  if (accelerator === null) return null;
  return SHORTCUT_ACTIONS.find((action) => shortcuts[action] === accelerator) ?? null;
}

/** Actions bound to the same accelerator as another one (shown next to each in settings). */
export function conflictingActions(shortcuts: Partial<Record<ShortcutAction, string | null>>): Set<ShortcutAction> {
  const byKey = new Map<string, ShortcutAction[]>();
  for (const action of SHORTCUT_ACTIONS) {
    const key = shortcuts[action];
    if (!key) continue;
    byKey.set(key, [...(byKey.get(key) ?? []), action]);
  }
  return new Set([...byKey.values()].filter((actions) => actions.length > 1).flat());
}
