import { formatJapaneseNumber } from '../../../../src-shared/domain/phone-number.js';
import type { AccountSummary } from '../../../../src-shared/domain/phone-snapshot.js';
import { useT } from '../../../i18n/i18n-context.js';
import { usePhoneIntents, usePhoneView } from '../../../app/phone-context.js';
import { RegistrationBadge } from './RegistrationBadge.js';

/** Who is logged in on this phone, its registration state, and logout. */
export function AccountBar({ account }: { account: AccountSummary }) {
  const t = useT();
  const intents = usePhoneIntents();
  const dnd = usePhoneView((s) => s.snapshot.dnd === true);
  return (
    <header className="account-bar">
      <div className="account-bar__who">
        <span className="account-bar__name" data-testid="account-name">
          {account.displayName}
        </span>
        <span className="account-bar__numbers">
          {t('account.extension', { extension: account.extension })}
          <span aria-hidden="true"> ・ </span>
          {formatJapaneseNumber(account.directNumber)}
        </span>
      </div>
      <RegistrationBadge />
      <button
        type="button"
        className={`btn ${dnd ? 'btn--warn' : 'btn--quiet'}`}
        aria-pressed={dnd}
        data-testid="dnd-toggle"
        title={t('account.dndHint')}
        onClick={() => void intents.lineRequest('phone.setDnd', { on: !dnd })}
      >
        {t('account.dnd')}
      </button>
      <button type="button" className="btn btn--quiet" onClick={() => void intents.logout()}>
        {t('account.logout')}
      </button>
    </header>
  );
}
