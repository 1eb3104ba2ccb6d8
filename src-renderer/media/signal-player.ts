import type { AudioRouteOutcome } from '../../src-shared/contract/media-contract.js';
import type { Ringtone } from '../../src-shared/contract/requests/settings.js';

/** The signals wanted now, as a whole (the core sends the full state every time). */
export interface SignalState {
  /** ringtone on the ringer device; null = none */
  ringtone: Ringtone | null;
  /** ringback on the speaker (a call ringing out without early media) */
  ringback: boolean;
  /** the call-waiting beep on the speaker */
  callWaiting: boolean;
}

export const SILENT_SIGNALS: SignalState = { ringtone: null, ringback: false, callWaiting: false };

/**
 * Plays local signals where the media host runs (the browser: Web Audio into two audio elements,
 * one per output device). Optional in MediaHostEnvironment: without one, signal requests answer
 * 'unsupported' and calls are unaffected.
 */
export interface SignalPlayer {
  /** the output of the ringtone; null = the system default */
  setRinger(deviceId: string | null): Promise<AudioRouteOutcome>;
  /** the output of ringback and call waiting (follows the call audio's speaker) */
  setSpeaker(deviceId: string | null): Promise<AudioRouteOutcome>;
  play(state: SignalState): Promise<AudioRouteOutcome>;
  dispose(): void;
}
