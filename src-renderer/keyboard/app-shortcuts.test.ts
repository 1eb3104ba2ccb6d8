import { describe, expect, it } from 'vitest';
import { DEFAULT_SHORTCUTS } from '../../src-shared/contract/requests/settings.js';
import { acceleratorOf, conflictingActions, shortcutActionOf } from './app-shortcuts.js';

const press = (over: Partial<Parameters<typeof acceleratorOf>[0]>) => ({
  key: 'a',
  code: 'KeyA',
  ctrlKey: false,
  altKey: false,
  shiftKey: false,
  metaKey: false,
  ...over,
});

describe('app shortcuts', () => {
  it('names a key press the way settings store it, from the physical key', () => {
    expect(acceleratorOf(press({ key: 'A', ctrlKey: true, shiftKey: true }))).toBe('Ctrl+Shift+A');
    expect(acceleratorOf(press({ key: '!', code: 'Digit1', altKey: true, shiftKey: true }))).toBe('Alt+Shift+1');
    expect(acceleratorOf(press({ key: 'F9', code: 'F9' }))).toBe('F9');
    expect(acceleratorOf(press({ key: 'ArrowUp', code: 'ArrowUp', ctrlKey: true }))).toBe('Ctrl+Up');
    expect(acceleratorOf(press({ key: 'Control', code: 'ControlLeft', ctrlKey: true }))).toBeNull();
  });

  it('finds the bound action, and nothing for unbound or plain keys', () => {
    expect(shortcutActionOf(press({ key: 'H', code: 'KeyH', ctrlKey: true, shiftKey: true }), DEFAULT_SHORTCUTS)).toBe('hold');
    expect(shortcutActionOf(press({ key: 'h', code: 'KeyH' }), DEFAULT_SHORTCUTS)).toBeNull();
    expect(shortcutActionOf(press({ key: 'h', code: 'KeyH', ctrlKey: true }), DEFAULT_SHORTCUTS)).toBeNull();
    expect(shortcutActionOf(press({ key: 'F9', code: 'F9' }), { ...DEFAULT_SHORTCUTS, answer: 'F9' })).toBe('answer');
  });

  it('lists every action that shares an accelerator', () => {
    expect(conflictingActions(DEFAULT_SHORTCUTS).size).toBe(0);
    expect([...conflictingActions({ ...DEFAULT_SHORTCUTS, mute: 'Ctrl+Shift+H', park: null })].sort()).toEqual(['hold', 'mute']);
  });
});
