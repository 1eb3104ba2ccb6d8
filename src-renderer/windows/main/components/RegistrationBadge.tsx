import { useT } from '../../../i18n/i18n-context.js';
import type { MessageKey } from '../../../i18n/ja.js';
import { registrationBadgeKey, registrationBadgeKind } from '../../../format/line-text.js';
import { usePhoneView } from '../../../app/phone-context.js';
import type { ConnectionSnapshot } from '../../../../src-shared/domain/phone-snapshot.js';

/**
 * 登録済み / 接続中 / 再接続中 / オフライン / 未登録 / エラー, with the reason when there is one.
 * While reconnecting it says which attempt is under way (the core retries with backoff by itself).
 */
export function RegistrationBadge() {
  const t = useT();
  const registration = usePhoneView((s) => s.snapshot.registration);
  const connection = usePhoneView((s) => s.snapshot.connection);
  const kind = registrationBadgeKind[registration.state];
  const connectionKey = connectionBadgeKey(connection);
  const showReason = kind === 'failed' || kind === 'unregistered' || connection?.state === 'reconnecting';
  return (
    <div className="registration" role="status" aria-label={t('registration.label')}>
      <span
        className={`badge badge--${kind}`}
        data-testid="registration-state"
        data-state={registration.state}
        data-connection={connection?.state}
      >
        {t(connectionKey ?? registrationBadgeKey[kind])}
      </span>
      {connection?.state === 'reconnecting' && connection.attempt > 0 && (
        <span className="registration__attempt" data-testid="connection-attempt">
          {t('connection.attempt', { attempt: connection.attempt })}
        </span>
      )}
      {registration.error && showReason && (
        <span className="registration__error" data-testid="registration-error">
          {registration.error.message}
        </span>
      )}
    </div>
  );
}

/** 再接続中 and オフライン (sleep, no network) say more than the registration state; the rest stays as it was. */
function connectionBadgeKey(connection: ConnectionSnapshot | undefined): MessageKey | null {
  if (connection?.state === 'reconnecting') return 'connection.reconnecting';
  if (connection?.state === 'offline' && (connection.reason?.code === 'suspended' || connection.reason?.code === 'network-down')) {
    return 'connection.offline';
  }
  return null;
}
