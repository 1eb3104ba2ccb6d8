import { useT } from '../../../i18n/i18n-context.js';
import { registrationBadgeKey, registrationBadgeKind } from '../../../format/line-text.js';
import { usePhoneView } from '../../../app/phone-context.js';

/** 登録済み / 接続中 / 未登録 / エラー, with the reason when there is one. */
export function RegistrationBadge() {
  const t = useT();
  const registration = usePhoneView((s) => s.snapshot.registration);
  const kind = registrationBadgeKind[registration.state];
  return (
    <div className="registration" role="status" aria-label={t('registration.label')}>
      <span className={`badge badge--${kind}`} data-testid="registration-state" data-state={registration.state}>
        {t(registrationBadgeKey[kind])}
      </span>
      {registration.error && (kind === 'failed' || kind === 'unregistered') && (
        <span className="registration__error" data-testid="registration-error">
          {registration.error.message}
        </span>
      )}
    </div>
  );
}
