import { useRef } from 'react';
import type { AccountSummary } from '../../../../src-shared/domain/phone-snapshot.js';
import { useDialerKeyboard } from '../hooks/use-dialer-keyboard.js';
import { AccountBar } from './AccountBar.js';
import { DialerPanel } from './DialerPanel.js';
import { LineList } from './LineList.js';

/** The logged-in phone: account and registration, dialer, lines. */
export function PhoneView({ account }: { account: AccountSummary }) {
  const viewRef = useRef<HTMLElement>(null);
  useDialerKeyboard(viewRef);
  return (
    <main className="phone" ref={viewRef} data-testid="phone-view">
      <AccountBar account={account} />
      <div className="phone__body">
        <DialerPanel account={account} />
        <LineList />
      </div>
    </main>
  );
}
