import { describe, expect, it } from 'vitest';
import { dialKeyAction, type KeyPress } from './dial-keys.js';

const press = (key: string, code = '', modifiers: Partial<KeyPress> = {}): KeyPress => ({
  key,
  code,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...modifiers,
});

describe('dialKeyAction', () => {
  it('appends digits, star and hash from the main keyboard', () => {
    expect(dialKeyAction(press('7', 'Digit7'))).toEqual({ type: 'append', text: '7' });
    expect(dialKeyAction(press('*', 'Digit8'))).toEqual({ type: 'append', text: '*' });
    expect(dialKeyAction(press('#', 'Digit3'))).toEqual({ type: 'append', text: '#' });
  });

  it('reads numpad keys by code, also with NumLock off', () => {
    expect(dialKeyAction(press('End', 'Numpad1'))).toEqual({ type: 'append', text: '1' });
    expect(dialKeyAction(press('*', 'NumpadMultiply'))).toEqual({ type: 'append', text: '*' });
    expect(dialKeyAction(press('Enter', 'NumpadEnter'))).toEqual({ type: 'call' });
  });

  it('maps Enter, Backspace and Escape', () => {
    expect(dialKeyAction(press('Enter', 'Enter'))).toEqual({ type: 'call' });
    expect(dialKeyAction(press('Backspace', 'Backspace'))).toEqual({ type: 'backspace' });
    expect(dialKeyAction(press('Escape', 'Escape'))).toEqual({ type: 'clear' });
  });

  it('leaves shortcuts and other keys to the browser', () => {
    expect(dialKeyAction(press('1', 'Digit1', { ctrlKey: true }))).toBeNull();
    expect(dialKeyAction(press('v', 'KeyV', { metaKey: true }))).toBeNull();
    expect(dialKeyAction(press('a', 'KeyA'))).toBeNull();
    expect(dialKeyAction(press('Tab', 'Tab'))).toBeNull();
  });
});
