/** Two legs hearing each other: each leg's received audio goes out on the other leg. */
import { type AudioPort } from './audio-port.js';

export class AudioBridge {
  private readonly unsubscribe: Array<() => void>;

  constructor(a: AudioPort, b: AudioPort) {
    // Frames pass through as they are (sample rate, channels, 10 ms framing).
    this.unsubscribe = [a.onAudio((frame) => b.pushAudio(frame)), b.onAudio((frame) => a.pushAudio(frame))];
  }

  dispose(): void {
    for (const stop of this.unsubscribe.splice(0)) stop();
  }
}
