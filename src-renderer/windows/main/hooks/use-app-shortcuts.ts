import { useEffect } from 'react';
import { DEFAULT_SHORTCUTS, type ShortcutAction } from '../../../../src-shared/contract/requests/settings.js';
import { usePhoneIntents, usePhoneStore } from '../../../app/phone-context.js';
import { shortcutActionOf } from '../../../keyboard/app-shortcuts.js';
import { currentLine, ringingLines } from '../../../store/line-selectors.js';
import type { PhoneIntents } from '../../../store/phone-intents.js';
import type { PhoneStore } from '../../../store/phone-store.js';

/**
 * The in-app shortcuts (issue 6 point 6) on the whole document, text fields included: each one
 * has Ctrl/Alt or is a function key, so it is never typed text. The bindings are the settings'
 * (defaults until the first snapshot brings them). `focusDialer` is the view's: it knows the tab.
 */
export function useAppShortcuts(doc: Document | undefined, focusDialer: () => void): void {
  const store = usePhoneStore();
  const intents = usePhoneIntents();
  useEffect(() => {
    if (!doc) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing || event.repeat) return;
      const shortcuts = store.getState().snapshot.settings?.shortcuts ?? DEFAULT_SHORTCUTS;
      const action = shortcutActionOf(event, shortcuts);
      if (!action) return;
      // the browser's own meaning (Ctrl+Shift+R reload, …) gives way to the phone's
      event.preventDefault();
      if (action === 'focusDialer') focusDialer();
      else void runShortcut(action, store, intents);
    };
    doc.addEventListener('keydown', onKeyDown);
    return () => doc.removeEventListener('keydown', onKeyDown);
  }, [doc, store, intents, focusDialer]);
}

export async function runShortcut(action: Exclude<ShortcutAction, 'focusDialer'>, store: PhoneStore, intents: PhoneIntents): Promise<void> {
  const lines = store.getState().snapshot.lines;
  const ringing = ringingLines(lines)[0];
  const line = currentLine(lines);
  switch (action) {
    case 'answer':
      if (ringing) await intents.answer(ringing.id);
      return;
    case 'hangup':
      // a ringing call with nothing else going on: hanging up means declining it
      if (line) await intents.hangup(line.id);
      else if (ringing) await intents.reject(ringing.id);
      return;
    case 'hold':
      if (line?.state === 'connected') await intents.lineRequest('call.hold', { lineId: line.id });
      else if (line?.state === 'held') await intents.lineRequest('call.resume', { lineId: line.id });
      return;
    case 'mute':
      if (line?.state === 'connected') await intents.lineRequest('call.mute', { lineId: line.id, muted: line.muted !== true });
      return;
    case 'park':
      if (line?.state === 'connected' || line?.state === 'held') await intents.lineRequest('call.park', { lineId: line.id });
      return;
    case 'redial': {
      const last = await intents.request('history.list', { filter: 'outgoing', limit: 1 });
      const entry = last.ok ? last.value[0] : undefined;
      if (entry) await intents.lineRequest('history.callback', { entryId: entry.id });
      return;
    }
  }
}
