/**
 * Why the phone is not registered, in words for the user (shown next to the registration state).
 * Codes are stable for programs; messages are Japanese.
 */
export interface RegistrationError {
  code: string;
  message: string;
}

export const registrationErrors = {
  authFailed: { code: 'sip-auth-failed', message: 'SIP認証に失敗しました' },
  unreachable: { code: 'sip-unreachable', message: 'SIPサーバーに接続できません' },
  timeout: { code: 'sip-timeout', message: 'SIPサーバーから応答がありません' },
  connectionLost: { code: 'sip-connection-lost', message: 'SIPサーバーとの接続が切れました' },
  registrationLost: { code: 'sip-registration-lost', message: 'SIP登録が解除されました' },
  badConfiguration: { code: 'sip-bad-configuration', message: 'SIPの設定が正しくありません' },
} as const satisfies Record<string, RegistrationError>;

/** The REGISTER's final failure response, as a RegistrationError. */
export function registrationErrorForStatus(statusCode: number): RegistrationError {
  if (statusCode === 401 || statusCode === 403 || statusCode === 407) return registrationErrors.authFailed;
  if (statusCode === 408) return registrationErrors.timeout;
  return { code: 'sip-register-rejected', message: `SIPサーバーが登録を拒否しました（${statusCode}）` };
}
