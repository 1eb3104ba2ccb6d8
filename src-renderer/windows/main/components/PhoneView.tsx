import { useCallback, useEffect, useRef, useState } from 'react';
import type { AccountSummary } from '../../../../src-shared/domain/phone-snapshot.js';
import { useAppShortcuts } from '../hooks/use-app-shortcuts.js';
import { useDialerKeyboard } from '../hooks/use-dialer-keyboard.js';
import { SettingsView } from '../settings/SettingsView.js';
import { AccountBar } from './AccountBar.js';
import { ColleaguesPanel } from './ColleaguesPanel.js';
import type { ContactDraft } from './ContactForm.js';
import { emptyDraft } from './ContactForm.js';
import { DialerPanel } from './DialerPanel.js';
import { HistoryView } from './HistoryView.js';
import { LineList } from './LineList.js';
import { MainTabs, tabPanelProps, type MainTab } from './MainTabs.js';
import { ParkSlotsPanel } from './ParkSlotsPanel.js';
import { PhonebookView } from './PhonebookView.js';

/** The logged-in phone: account and registration, then the tabs: phone (dialer, lines, park slots, colleagues), phonebook, history, settings; the in-app shortcuts work on every tab. */
export function PhoneView({ account }: { account: AccountSummary }) {
  const viewRef = useRef<HTMLElement>(null);
  const [tab, setTab] = useState<MainTab>('phone');
  const [draft, setDraft] = useState<ContactDraft | null>(null);
  const [dialerFocusRequest, setDialerFocusRequest] = useState(0);
  useDialerKeyboard(viewRef, tab === 'phone');
  const focusDialer = useCallback(() => {
    setTab('phone');
    setDialerFocusRequest((count) => count + 1);
  }, []);
  useAppShortcuts(typeof document === 'undefined' ? undefined : document, focusDialer);
  // after the phone tab is on screen (it may just have been switched to)
  useEffect(() => {
    if (dialerFocusRequest === 0) return;
    viewRef.current?.querySelector<HTMLInputElement>('[data-testid="dial-input"]')?.focus();
  }, [dialerFocusRequest]);
  const addToPhonebook = useCallback((number: string, name: string) => {
    setDraft(emptyDraft(number, name));
    setTab('phonebook');
  }, []);
  const draftTaken = useCallback(() => setDraft(null), []);
  return (
    <main className="phone" ref={viewRef} data-testid="phone-view">
      <AccountBar account={account} />
      <MainTabs current={tab} onSelect={setTab} />
      {tab === 'phone' && (
        <div {...tabPanelProps('phone')} className="phone__tab">
          <div className="phone__body">
            <DialerPanel account={account} />
            <LineList />
          </div>
          <div className="phone__side">
            <ParkSlotsPanel />
            <ColleaguesPanel />
          </div>
        </div>
      )}
      {tab === 'phonebook' && (
        <div {...tabPanelProps('phonebook')}>
          <PhonebookView pendingDraft={draft} onDraftTaken={draftTaken} />
        </div>
      )}
      {tab === 'history' && (
        <div {...tabPanelProps('history')}>
          <HistoryView onAddToPhonebook={addToPhonebook} />
        </div>
      )}
      {tab === 'settings' && (
        <div {...tabPanelProps('settings')}>
          <SettingsView />
        </div>
      )}
    </main>
  );
}
