import type { ConnectionSnapshot, RegistrationSnapshot } from '../../../src-shared/domain/phone-snapshot.js';
import { connectionReasons } from './connection-reasons.js';

const HOST_REASONS: ReadonlySet<string> = new Set([connectionReasons.suspended.code, connectionReasons.networkDown.code]);

/**
 * The connection state in the older `registration` shape windows already show: reconnecting
 * keeps its reason; offline is 'unregistered' when the host said so (sleep, no network) and
 * 'failed' when the server refused us.
 */
export function registrationOfConnection(connection: ConnectionSnapshot): RegistrationSnapshot {
  switch (connection.state) {
    case 'connecting':
      return { state: 'connecting', error: null };
    case 'registered':
      return { state: 'registered', error: null };
    case 'reconnecting':
      return { state: 'reconnecting', error: connection.reason };
    case 'offline':
      return {
        state: connection.reason && HOST_REASONS.has(connection.reason.code) ? 'unregistered' : 'failed',
        error: connection.reason,
      };
  }
}
