import { useEffect, type RefObject } from 'react';
import { activatesFocusedControl, dialKeyAction, isTextEntry } from '../../../keyboard/dial-keys.js';
import { usePhoneIntents, usePhoneStore } from '../../../app/phone-context.js';

/**
 * Tenkey dialing from anywhere in the main view: digits and numpad keys, Enter calls,
 * Backspace deletes, Esc clears, pasted text is normalised. Keys typed into another input,
 * or aimed at something outside the main view (the popup overlay), are not the dialer's.
 */
export function useDialerKeyboard(viewRef: RefObject<HTMLElement | null>, enabled = true): void {
  const store = usePhoneStore();
  const intents = usePhoneIntents();

  useEffect(() => {
    const doc = viewRef.current?.ownerDocument;
    // another tab (phonebook, history) has the screen: typed digits are not for a hidden dialer
    if (!doc || !enabled) return;
    const isForDialer = (target: EventTarget | null): boolean => {
      const view = viewRef.current;
      if (!view || isTextEntry(target)) return false;
      return target === doc.body || target === doc.documentElement || (target instanceof Node && view.contains(target));
    };

    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing || !isForDialer(event.target)) return;
      if (activatesFocusedControl(event.target, event.key)) return;
      const action = dialKeyAction(event);
      if (!action) return;
      event.preventDefault();
      const state = store.getState();
      switch (action.type) {
        case 'append':
          state.appendDial(action.text);
          return;
        case 'backspace':
          state.backspaceDial();
          return;
        case 'clear':
          state.clearDial();
          return;
        case 'call':
          void intents.dial();
          return;
      }
    };

    const onPaste = (event: ClipboardEvent) => {
      if (!isForDialer(event.target)) return;
      const text = event.clipboardData?.getData('text/plain') ?? '';
      if (text.length === 0) return;
      event.preventDefault();
      store.getState().appendDial(text);
    };

    doc.addEventListener('keydown', onKeyDown);
    doc.addEventListener('paste', onPaste);
    return () => {
      doc.removeEventListener('keydown', onKeyDown);
      doc.removeEventListener('paste', onPaste);
    };
  }, [viewRef, store, intents, enabled]);
}
