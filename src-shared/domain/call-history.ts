import type { CallCharge } from './call-charge.js';
import type { CallDirection, LineEndReason } from './phone-snapshot.js';

/**
 * How a finished call turned out, for the history list.
 * - answered: talked (connected here), whatever ended it afterwards
 * - missed: incoming, rang here, nobody answered anywhere (caller gave up, or the connection was
 *   lost while ringing) — counts in `missedCalls` until marked seen
 * - answeredElsewhere: incoming, a colleague in the same ring set answered it. NOT missed: the
 *   caller was served, so it must not nag this user with a missed-call badge
 * - rejected: incoming declined here; outgoing declined by the far end (603)
 * - busy: outgoing, the far end was busy or declined with 486
 * - cancelled: outgoing, we hung up before the answer
 * - failed: outgoing, the number does not exist or the call could not be set up
 */
export type CallResult = 'answered' | 'missed' | 'answeredElsewhere' | 'rejected' | 'busy' | 'cancelled' | 'failed';

export type HistoryFilter = 'all' | 'missed' | 'incoming' | 'outgoing';

export interface CallHistoryEntry {
  /** stable id, also the pagination cursor (`before`) */
  id: number;
  direction: CallDirection;
  remoteNumber: string;
  remoteName: string;
  /** incoming: the number that was dialled (company, direct or extension) and its label */
  calledNumber: string | null;
  calledLabel: string | null;
  /** outgoing: the number shown to the callee */
  callerNumber: string | null;
  startedAt: number;
  answeredAt: number | null;
  endedAt: number;
  result: CallResult;
  endReason: LineEndReason;
  /** answered seconds, every started second counted; 0 when never answered */
  durationSeconds: number;
  /** priceCall at the softphone rate for outgoing calls; incoming calls are free for the callee */
  charge: CallCharge;
  /** false only for a missed call not yet marked seen */
  seen: boolean;
}
