/** Anything a call can bridge: a leg's media (wrtc) or an in-process far end (PSTN simulator). */
import { type AudioFrame } from './wrtc.js';

export interface AudioPort {
  /** audio this end produces (what its endpoint says), 10 ms frames; returns the unsubscribe */
  onAudio(listener: (frame: AudioFrame) => void): () => void;
  /** audio for this end to hear */
  pushAudio(frame: AudioFrame): void;
}
