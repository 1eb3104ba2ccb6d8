import { useRef, type KeyboardEvent } from 'react';
import { usePhoneView } from '../../../app/phone-context.js';
import { useT } from '../../../i18n/i18n-context.js';
import type { MessageKey } from '../../../i18n/ja.js';

export const MAIN_TABS = ['phone', 'phonebook', 'history', 'settings'] as const;
export type MainTab = (typeof MAIN_TABS)[number];

const LABEL: Readonly<Record<MainTab, MessageKey>> = {
  phone: 'tabs.phone',
  phonebook: 'tabs.phonebook',
  history: 'tabs.history',
  settings: 'tabs.settings',
};

export const tabPanelProps = (tab: MainTab) => ({ role: 'tabpanel', id: `tabpanel-${tab}`, 'aria-labelledby': `tab-${tab}`, 'data-testid': `tabpanel-${tab}` });

/** The main window's views (WAI-ARIA tabs: arrows, Home and End move between them); 履歴 shows the missed-call count. */
export function MainTabs({ current, onSelect }: { current: MainTab; onSelect: (tab: MainTab) => void }) {
  const t = useT();
  const missed = usePhoneView((s) => s.snapshot.missedCalls);
  const buttons = useRef(new Map<MainTab, HTMLButtonElement>());
  const onKeyDown = (event: KeyboardEvent) => {
    const index = MAIN_TABS.indexOf(current);
    const next =
      event.key === 'ArrowRight' ? MAIN_TABS[(index + 1) % MAIN_TABS.length]
      : event.key === 'ArrowLeft' ? MAIN_TABS[(index - 1 + MAIN_TABS.length) % MAIN_TABS.length]
      : event.key === 'Home' ? MAIN_TABS[0]
      : event.key === 'End' ? MAIN_TABS[MAIN_TABS.length - 1]
      : undefined;
    if (!next) return;
    event.preventDefault();
    onSelect(next);
    buttons.current.get(next)?.focus();
  };
  return (
    <div className="tabs" role="tablist" aria-label={t('tabs.label')} onKeyDown={onKeyDown}>
      {MAIN_TABS.map((tab) => (
        <button
          key={tab}
          ref={(element) => {
            if (element) buttons.current.set(tab, element);
            else buttons.current.delete(tab);
          }}
          type="button"
          role="tab"
          id={`tab-${tab}`}
          aria-selected={current === tab}
          aria-controls={`tabpanel-${tab}`}
          tabIndex={current === tab ? 0 : -1}
          className="tabs__tab"
          data-testid={`tab-${tab}`}
          onClick={() => onSelect(tab)}
        >
          {t(LABEL[tab])}
          {tab === 'history' && missed > 0 && (
            <span className="tabs__badge" data-testid="missed-badge" aria-label={t('tabs.missed', { count: String(missed) })}>
              {missed}
            </span>
          )}
        </button>
      ))}
    </div>
  );
}
