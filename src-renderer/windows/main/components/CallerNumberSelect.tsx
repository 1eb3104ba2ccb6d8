import { formatJapaneseNumber } from '../../../../src-shared/domain/phone-number.js';
import type { AccountSummary } from '../../../../src-shared/domain/phone-snapshot.js';
import { useT } from '../../../i18n/i18n-context.js';
import { usePhoneView, usePhoneStore } from '../../../app/phone-context.js';

/** Which of the tenant's numbers the next call shows (発信番号), beside the call button; the account's default is marked. */
export function CallerNumberSelect({ account }: { account: AccountSummary }) {
  const t = useT();
  const store = usePhoneStore();
  const chosen = usePhoneView((s) => s.dialer.callerNumber) ?? account.defaultCallerNumber;
  if (account.callerNumbers.length < 2) return null;
  return (
    <label className="field field--inline caller-number">
      <span className="field__label">{t('dialer.callerNumber')}</span>
      <select
        className="field__control"
        value={chosen}
        data-testid="caller-number"
        onChange={(event) => {
          const number = event.currentTarget.value;
          store.getState().chooseCallerNumber(number === account.defaultCallerNumber ? null : number);
        }}
      >
        {account.callerNumbers.map((option) => (
          <option key={option.number} value={option.number}>
            {option.label} {formatJapaneseNumber(option.number)}
            {option.number === account.defaultCallerNumber ? ` ${t('dialer.callerDefault')}` : ''}
          </option>
        ))}
      </select>
    </label>
  );
}
