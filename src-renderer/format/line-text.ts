import type { LineEndReason, LineState, RegistrationState } from '../../src-shared/domain/phone-snapshot.js';
import type { MessageKey } from '../i18n/ja.js';

export const lineStateKey: Readonly<Record<LineState, MessageKey>> = {
  dialing: 'line.state.dialing',
  ringingOut: 'line.state.ringingOut',
  ringingIn: 'line.state.ringingIn',
  connected: 'line.state.connected',
  held: 'line.state.held',
  parked: 'line.state.parked',
  transferring: 'line.state.transferring',
  ended: 'line.state.ended',
};

export const lineEndReasonKey: Readonly<Record<LineEndReason, MessageKey>> = {
  localHangup: 'line.end.localHangup',
  remoteHangup: 'line.end.remoteHangup',
  rejected: 'line.end.rejected',
  busy: 'line.end.busy',
  cancelled: 'line.end.cancelled',
  answeredElsewhere: 'line.end.answeredElsewhere',
  notFound: 'line.end.notFound',
  failed: 'line.end.failed',
  transferred: 'line.end.transferred',
  parked: 'line.end.parked',
};

/** The four things a user needs to know about registration. */
export type RegistrationBadgeKind = 'registered' | 'connecting' | 'unregistered' | 'failed';

export const registrationBadgeKind: Readonly<Record<RegistrationState, RegistrationBadgeKind>> = {
  registered: 'registered',
  connecting: 'connecting',
  reconnecting: 'connecting',
  unregistered: 'unregistered',
  loggedOut: 'unregistered',
  failed: 'failed',
};

export const registrationBadgeKey: Readonly<Record<RegistrationBadgeKind, MessageKey>> = {
  registered: 'registration.registered',
  connecting: 'registration.connecting',
  unregistered: 'registration.unregistered',
  failed: 'registration.failed',
};
