/** What main pushes to every window: the whole phone state, versioned. */
export type RegistrationState =
  | 'loggedOut'
  | 'connecting'
  | 'registered'
  | 'unregistered'
  | 'reconnecting'
  | 'failed';

export type LineState = 'dialing' | 'ringingOut' | 'ringingIn' | 'connected' | 'ended';
export type CallDirection = 'incoming' | 'outgoing';
export type LineEndReason =
  | 'localHangup'
  | 'remoteHangup'
  | 'rejected'
  | 'busy'
  | 'cancelled'
  | 'answeredElsewhere'
  | 'notFound'
  | 'failed';

export interface CallerNumberOption {
  /** digits only, e.g. "0355550100" */
  number: string;
  label: string;
  kind: 'contract' | 'additional' | 'direct';
}

export interface AccountSummary {
  loginId: string;
  displayName: string;
  extension: string;
  directNumber: string;
  callerNumbers: CallerNumberOption[];
  defaultCallerNumber: string;
}

export interface LineSnapshot {
  id: string;
  direction: CallDirection;
  state: LineState;
  /** digits (or extension) of the other party */
  remoteNumber: string;
  remoteName: string;
  /** incoming: the number that was dialled (company number, direct number or extension) */
  calledNumber: string | null;
  calledLabel: string | null;
  /** outgoing: the number shown to the callee */
  callerNumber: string | null;
  startedAt: number;
  connectedAt: number | null;
  endedAt: number | null;
  endReason: LineEndReason | null;
}

export interface RegistrationSnapshot {
  state: RegistrationState;
  /** a user-facing reason when state is failed/unregistered */
  error: { code: string; message: string } | null;
}

export interface PhoneSnapshot {
  version: number;
  account: AccountSummary | null;
  registration: RegistrationSnapshot;
  lines: LineSnapshot[];
  /** incoming calls of the logged-in account nobody answered, not yet marked seen (0 when logged out) */
  missedCalls: number;
}

export const emptyPhoneSnapshot = (): PhoneSnapshot => ({
  version: 0,
  account: null,
  registration: { state: 'loggedOut', error: null },
  lines: [],
  missedCalls: 0,
});
