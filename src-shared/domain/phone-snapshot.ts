import type { PhoneSettings } from '../contract/requests/settings.js';

import type { ShortcutRegistration } from './global-shortcuts.js';

/** What main pushes to every window: the whole phone state, versioned. */
export type RegistrationState =
  | 'loggedOut'
  | 'connecting'
  | 'registered'
  | 'unregistered'
  | 'reconnecting'
  | 'failed';

export type LineState =
  | 'dialing'
  | 'ringingOut'
  | 'ringingIn'
  | 'connected'
  | 'held'
  | 'parked'
  | 'transferring'
  | 'ended';
export type CallDirection = 'incoming' | 'outgoing';
export type LineEndReason =
  | 'localHangup'
  | 'remoteHangup'
  | 'rejected'
  | 'busy'
  | 'cancelled'
  | 'answeredElsewhere'
  | 'notFound'
  | 'failed'
  /** we handed the other party to someone else (blind or attended transfer) */
  | 'transferred'
  /** we put the other party in a park slot */
  | 'parked';

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
  /** the Windows app's update feed named by provisioning (absent: none) */
  updateFeedUrl?: string;
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
  /** when the line entered its current state (epoch ms) */
  stateSince?: number;
  /** when the current hold began, null when not held */
  heldAt?: number | null;
  /** incoming while another line was live: rings as call waiting (soft tone, no popup grab) */
  callWaiting?: boolean;
  /** our microphone is off for this call */
  muted?: boolean;
  /** answered by itself because the INVITE carried the provisioned intercom header */
  autoAnswered?: boolean;
  /** incoming through a voice menu: the keys the caller pressed (the provisioned IVR header) */
  ivrDigits?: string;
  /** incoming: the phonebook entry with the caller's number (local book first), when there is one */
  contact?: PhonebookContact | null;
  /** outgoing: a 18x with SDP arrived (the far end's ringback is heard; no local ringback) */
  earlyMedia?: boolean;
}

/** Who a number belongs to, from the local phonebook or the cached Web電話帳 (caller lookup). */
export interface PhonebookContact {
  book: 'local' | 'web';
  /** the entry's id within its book */
  id: number;
  name: string;
  company: string;
  department: string;
  /** the matched number's 種別 (会社, 携帯, …; may be empty) */
  label: string;
}

/** A colleague's line as the dialog event package tells it (RFC 4235). */
export interface ColleagueSnapshot {
  extension: string;
  name: string;
  state: 'idle' | 'ringing' | 'busy' | 'unknown';
  /** ringing: who calls them; busy: with whom (when the PBX says) */
  caller?: { number: string; displayName: string };
}

/** A park slot: free, or holding a caller since a time. */
export interface ParkSlotSnapshot {
  /** the code that retrieves it, e.g. "*71" */
  code: string;
  name?: string;
  occupied: boolean;
  parked?: { number: string; displayName: string };
  /** epoch ms (from this phone's clock) when the caller was parked */
  since?: number;
}

/**
 * The SIP connection as the reconnect supervisor sees it (接続中 / 登録済み / 再接続中 / オフライン).
 * `registration` says the same in the older, coarser shape; this adds the retry schedule.
 */
export type ConnectionState = 'connecting' | 'registered' | 'reconnecting' | 'offline';

export interface ConnectionSnapshot {
  state: ConnectionState;
  /** reconnecting: which attempt since the loss (1 = the first); 0 otherwise */
  attempt: number;
  /** reconnecting: when the next attempt starts (epoch ms, this phone's clock); null while one runs */
  nextRetryAt: number | null;
  /** reconnecting / offline: why, for the user (e.g. sip-connection-lost, network-down, sip-auth-failed) */
  reason: { code: string; message: string } | null;
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
  /** do-not-disturb: incoming calls are refused with 486 (absent = off) */
  dnd?: boolean;
  /** colleagues named by provisioning and their line state (absent = none) */
  colleagues?: ColleagueSnapshot[];
  /** park slots named by provisioning (absent = none) */
  parkSlots?: ParkSlotSnapshot[];
  /** the Windows app only: which global shortcuts the system took (absent elsewhere) */
  globalShortcuts?: ShortcutRegistration[];
  /** the SIP connection and its reconnect schedule (absent = logged out) */
  connection?: ConnectionSnapshot;
  /** this PC's settings (settings.get), sent again whenever they change (absent from older cores) */
  settings?: PhoneSettings;
}

export const emptyPhoneSnapshot = (): PhoneSnapshot => ({
  version: 0,
  account: null,
  registration: { state: 'loggedOut', error: null },
  lines: [],
  missedCalls: 0,
});
