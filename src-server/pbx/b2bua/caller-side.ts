/**
 * What a Call needs of the party that called: a device's INVITE (CallerLeg, SIP + wrtc) or an
 * in-process caller (the PSTN simulator's inbound caller). Both report to a CallerLegListener.
 */
import { type PartyIdentity } from './party.js';
import { type Party } from './party.js';
import { type SipConnection } from '../transport/sip-connection.js';

/** Also a Party: once answered it can be moved into another call. */
export interface CallerSide extends Party {
  /** the connection the call came in on; undefined for an in-process caller */
  readonly connection: SipConnection | undefined;
  /** the caller has confirmed our answer (the ACK of a device) */
  readonly isConfirmed: boolean;
  /** get ready to answer (a device: our SDP answer); rejects if the caller's offer is unusable */
  prepareAnswer(): Promise<unknown>;
  ringing(): void;
  /** answer; settles when the caller confirmed */
  /**
   * Answer; settles when the caller confirmed. `connectedTo` is who the caller now talks to: a
   * device caller is told in P-Asserted-Identity (after a pickup or a retrieve, its phone shows
   * the person rather than the feature code it dialled).
   */
  accept(connectedTo?: PartyIdentity): Promise<void>;
  /** a final status for a caller not answered yet, or hang up */
  terminate(status: number): void;
}
