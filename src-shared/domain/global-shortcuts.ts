/**
 * The system-wide shortcuts of the Windows app (they work while another program has focus) and
 * their documented defaults. Accelerators use Electron's syntax; they are checked here — in the
 * settings contract and again by the shell — so a typo is reported as such rather than as
 * "taken by another program".
 */
export const GLOBAL_SHORTCUT_ACTIONS = ['answer', 'hangup', 'mute', 'toggleDialer', 'dialSelection'] as const;
export type GlobalShortcutAction = (typeof GLOBAL_SHORTCUT_ACTIONS)[number];

export type GlobalShortcutBindings = Record<GlobalShortcutAction, string | null>;

/** README "Windows" lists these; null in settings turns one off. */
export const DEFAULT_GLOBAL_SHORTCUTS: GlobalShortcutBindings = {
  answer: 'CommandOrControl+Alt+A',
  hangup: 'CommandOrControl+Alt+H',
  mute: 'CommandOrControl+Alt+M',
  toggleDialer: 'CommandOrControl+Alt+P',
  dialSelection: 'CommandOrControl+Alt+D',
};

const MODIFIERS = new Set(['command', 'cmd', 'control', 'ctrl', 'commandorcontrol', 'cmdorctrl', 'alt', 'option', 'altgr', 'shift', 'super', 'meta']);
const NAMED_KEYS = new Set([
  'plus', 'space', 'tab', 'capslock', 'numlock', 'scrolllock', 'backspace', 'delete', 'insert', 'return', 'enter',
  'up', 'down', 'left', 'right', 'home', 'end', 'pageup', 'pagedown', 'escape', 'esc', 'printscreen',
  'num0', 'num1', 'num2', 'num3', 'num4', 'num5', 'num6', 'num7', 'num8', 'num9',
  'numdec', 'numadd', 'numsub', 'nummult', 'numdiv',
]);

/** A usable global accelerator: at least one modifier (a bare key would steal typing everywhere) and one key. */
export function isValidGlobalAccelerator(accelerator: string): boolean {
  if (accelerator.length === 0 || accelerator.length > 64) return false;
  const parts = accelerator.split('+');
  if (parts.length < 2 || parts.some((part) => part.length === 0)) return false;
  const key = parts[parts.length - 1]!.toLowerCase();
  const modifiers = parts.slice(0, -1).map((part) => part.toLowerCase());
  if (!modifiers.every((modifier) => MODIFIERS.has(modifier))) return false;
  if (new Set(modifiers).size !== modifiers.length) return false;
  return /^[a-z0-9]$/.test(key) || /^f([1-9]|1[0-9]|2[0-4])$/.test(key) || NAMED_KEYS.has(key) || /^[`\-=[\];',./\\]$/.test(key);
}

/** Same key combination, however it is spelled (order and case of modifiers; CommandOrControl is Control on Windows). */
export function acceleratorKey(accelerator: string): string {
  const parts = accelerator.split('+').map((part) => part.toLowerCase());
  const key = parts.pop() ?? '';
  const canonical = parts.map((m) => ({ cmd: 'command', ctrl: 'control', cmdorctrl: 'control', commandorcontrol: 'control', option: 'alt' })[m] ?? m).sort();
  return [...canonical, key].join('+');
}

export type ShortcutRegistrationStatus = 'registered' | 'off' | 'invalid' | 'duplicate' | 'unavailable';

/** What the shell could register, per action (shown in settings). */
export interface ShortcutRegistration {
  action: GlobalShortcutAction;
  accelerator: string | null;
  status: ShortcutRegistrationStatus;
}
