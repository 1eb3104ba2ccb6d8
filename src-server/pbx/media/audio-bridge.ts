/** Two ends hearing each other: each end's received audio goes out on the other end. */
import { type AudioPort } from './audio-port.js';
import { LegMedia } from './leg-media.js';

export class AudioBridge {
  private readonly unsubscribe: Array<() => void>;

  constructor(a: AudioPort, b: AudioPort) {
    this.unsubscribe = AudioBridge.native(a, b) ?? [a.onAudio((frame) => b.pushAudio(frame)), b.onAudio((frame) => a.pushAudio(frame))];
  }

  dispose(): void {
    for (const stop of this.unsubscribe.splice(0)) stop();
  }

  /** Two wrtc legs forward each other's track inside libwebrtc; otherwise frames pass through as they are. */
  private static native(a: AudioPort, b: AudioPort): Array<() => void> | undefined {
    if (!(a instanceof LegMedia && b instanceof LegMedia)) return undefined;
    const aHearsB = a.hear(b);
    if (!aHearsB) return undefined;
    const bHearsA = b.hear(a);
    if (!bHearsA) {
      aHearsB();
      return undefined;
    }
    return [aHearsB, bHearsA];
  }
}
