import type { RegistrationError } from '../sip/registration-errors.js';

/**
 * Why the phone is offline when it is not the SIP server's doing (the server's reasons are in
 * sip/registration-errors.ts). Codes are stable for programs; messages are Japanese.
 */
export const connectionReasons = {
  suspended: { code: 'suspended', message: 'スリープ中のため切断しています' },
  networkDown: { code: 'network-down', message: 'ネットワークに接続されていません' },
} as const satisfies Record<string, RegistrationError>;
