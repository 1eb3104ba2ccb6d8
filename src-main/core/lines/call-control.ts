import type { Session } from 'sip.js';
import type { LineEndReason } from '../../../src-shared/domain/phone-snapshot.js';

/**
 * The signalling side of a Line: what the user's intents do on the wire. Implemented over
 * SIP.js sessions (sip/outgoing-call.ts, sip/incoming-call.ts); the registry and the phone
 * service only see this interface.
 */
export interface CallControl {
  /** the SIP.js session (Inviter or Invitation): hold, DTMF and REFER act on it once established */
  readonly session: Session;
  /** incoming and ringing: send 200 OK with our answer */
  answer(): Promise<void>;
  /** incoming and ringing: send a final failure response (e.g. 486 Busy Here) */
  reject(statusCode: number): Promise<void>;
  /** whatever ends the call in its current state: CANCEL, BYE or a rejection */
  hangup(): Promise<void>;
  /** the call is about to end because of us (transfer, park): end the line with this reason; undefined: not any more */
  expectEnd(reason: LineEndReason | undefined): void;
  /**
   * Settles when a new INVITE may go out in this dialog: for an answered incoming call, once the
   * ACK of our 200 OK has arrived (SIP.js ends the call if that ACK meets a re-INVITE offer of
   * ours); at once otherwise. Never rejects.
   */
  readyForReinvite(): Promise<void>;
  /** forget every listener on the SIP.js session; sends nothing */
  detach(): void;
}
