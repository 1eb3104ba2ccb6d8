import { describe, expect, it } from 'vitest';
import { acceleratorKey, DEFAULT_GLOBAL_SHORTCUTS, isValidGlobalAccelerator } from '../../../src-shared/domain/global-shortcuts.js';
import { GlobalShortcuts, type GlobalShortcutLike } from './global-shortcuts.js';

class FakeGlobalShortcut implements GlobalShortcutLike {
  readonly held = new Map<string, () => void>();
  /** accelerators another program already holds */
  constructor(private readonly taken: string[] = []) {}
  register(accelerator: string, callback: () => void): boolean {
    if (this.taken.includes(accelerator) || this.held.has(accelerator)) return false;
    this.held.set(accelerator, callback);
    return true;
  }
  unregister(accelerator: string): void {
    this.held.delete(accelerator);
  }
  press(accelerator: string): void {
    this.held.get(accelerator)?.();
  }
}

describe('global shortcut bindings', () => {
  it('accepts Electron accelerators with a modifier and refuses bare keys and typos', () => {
    for (const ok of Object.values(DEFAULT_GLOBAL_SHORTCUTS)) expect(isValidGlobalAccelerator(ok!)).toBe(true);
    expect(isValidGlobalAccelerator('Ctrl+Shift+F12')).toBe(true);
    for (const bad of ['A', 'Ctrl+', '+A', 'Ctrl+Ctrl+A', 'Hyper+A', 'Ctrl+Alt+AB', '', 'Ctrl+\nA']) expect(isValidGlobalAccelerator(bad), bad).toBe(false);
    expect(acceleratorKey('Shift+Ctrl+A')).toBe(acceleratorKey('ctrl+shift+a'));
  });
});

describe('GlobalShortcuts', () => {
  it('registers the defaults, runs the action on a press, and reports what failed and why', () => {
    const system = new FakeGlobalShortcut(['CommandOrControl+Alt+M']);
    const ran: string[] = [];
    const shortcuts = new GlobalShortcuts(system, (action) => ran.push(action));
    const report = shortcuts.apply({ ...DEFAULT_GLOBAL_SHORTCUTS, toggleDialer: 'Alt+Ctrl+A', dialSelection: 'Q' });
    expect(report.map((r) => [r.action, r.status])).toEqual([
      ['answer', 'registered'],
      ['hangup', 'registered'],
      ['mute', 'unavailable'],
      ['toggleDialer', 'duplicate'],
      ['dialSelection', 'invalid'],
    ]);
    system.press('CommandOrControl+Alt+A');
    system.press('CommandOrControl+Alt+H');
    expect(ran).toEqual(['answer', 'hangup']);
  });

  it('re-applying replaces the old registrations; off means none; dispose releases all', () => {
    const system = new FakeGlobalShortcut();
    const shortcuts = new GlobalShortcuts(system, () => undefined);
    shortcuts.apply(DEFAULT_GLOBAL_SHORTCUTS);
    expect(system.held.size).toBe(5);
    shortcuts.apply({ ...DEFAULT_GLOBAL_SHORTCUTS, answer: null, hangup: 'Ctrl+Shift+F9' });
    expect([...system.held.keys()].sort()).toEqual(['CommandOrControl+Alt+D', 'CommandOrControl+Alt+M', 'CommandOrControl+Alt+P', 'Ctrl+Shift+F9']);
    expect(shortcuts.lastReport[0]).toEqual({ action: 'answer', accelerator: null, status: 'off' });
    shortcuts.dispose();
    expect(system.held.size).toBe(0);
  });
});
