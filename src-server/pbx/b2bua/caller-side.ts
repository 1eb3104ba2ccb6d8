/**
 * What a Call needs of the party that called: a device's INVITE (CallerLeg, SIP + wrtc) or an
 * in-process caller (the PSTN simulator's inbound caller). Both report to a CallerLegListener.
 */
import { type AudioPort } from '../media/audio-port.js';
import { type SipConnection } from '../transport/sip-connection.js';

export interface CallerSide {
  readonly finished: Promise<void>;
  readonly isDisposed: boolean;
  readonly media: AudioPort;
  /** the connection the call came in on; undefined for an in-process caller */
  readonly connection: SipConnection | undefined;
  /** the caller has confirmed our answer (the ACK of a device) */
  readonly isConfirmed: boolean;
  /** get ready to answer (a device: our SDP answer); rejects if the caller's offer is unusable */
  prepareAnswer(): Promise<unknown>;
  ringing(): void;
  /** answer; settles when the caller confirmed */
  accept(): Promise<void>;
  /** a final status for a caller not answered yet, or hang up */
  terminate(status: number): void;
}
