import { useT } from '../../../i18n/i18n-context.js';
import { usePhoneView } from '../../../app/phone-context.js';
import { LoginView } from './LoginView.js';
import { PhoneView } from './PhoneView.js';

/** Login until main reports an account, then the phone. */
export function MainWindow({ defaultServerUrl }: { defaultServerUrl: string }) {
  const t = useT();
  const account = usePhoneView((s) => s.snapshot.account);
  const hostConnection = usePhoneView((s) => s.hostConnection);
  return (
    <>
      {hostConnection === 'closed' && (
        <p className="banner banner--error" role="alert" data-testid="host-closed">
          {t('app.hostClosed')}
        </p>
      )}
      {account ? <PhoneView account={account} /> : <LoginView defaultServerUrl={defaultServerUrl} />}
    </>
  );
}
