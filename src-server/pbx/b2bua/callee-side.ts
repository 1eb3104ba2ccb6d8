/**
 * What a Call needs of the party it rings: a registered device (CalleeLeg, SIP + wrtc) or an
 * in-process far end (the PSTN simulator, the busy message). Both report to a CalleeLegListener.
 */
import { type Party } from './party.js';

/** Also a Party: once answered it can be moved into another call. */
export interface CalleeSide extends Party {
  /** still trying to reach the party (it may yet answer) */
  readonly isPending: boolean;
  /** the SIP user (direct number) that answered; undefined for an in-process far end */
  readonly answererSipUser: string | undefined;
  start(): Promise<void>;
  /** stop ringing (optional Reason header value) or hang up when answered */
  terminate(reason?: string): void;
  /** apply what the party answered with (the SDP of a device) before audio is bridged */
  connectMedia(answer: string): Promise<void>;
  /** a DTMF digit the other party sent (IVR and other in-process ends listen; devices need not) */
  receiveDtmf?(digit: string, durationMs: number): void;
}
