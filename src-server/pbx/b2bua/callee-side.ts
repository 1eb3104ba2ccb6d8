/**
 * What a Call needs of the party it rings: a registered device (CalleeLeg, SIP + wrtc) or an
 * in-process far end (the PSTN simulator, the busy message). Both report to a CalleeLegListener.
 */
import { type AudioPort } from '../media/audio-port.js';

export interface CalleeSide {
  readonly finished: Promise<void>;
  readonly isDisposed: boolean;
  /** still trying to reach the party (it may yet answer) */
  readonly isPending: boolean;
  /** the SIP user (direct number) that answered; undefined for an in-process far end */
  readonly answererSipUser: string | undefined;
  readonly media: AudioPort;
  start(): Promise<void>;
  /** stop ringing (optional Reason header value) or hang up when answered */
  terminate(reason?: string): void;
  /** apply what the party answered with (the SDP of a device) before audio is bridged */
  connectMedia(answer: string): Promise<void>;
}
