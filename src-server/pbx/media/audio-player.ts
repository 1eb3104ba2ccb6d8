/**
 * Plays 48 kHz mono 10 ms frames in real time from a source (a tone, a recording, an echo queue).
 * A coarse timer catches up on every frame that is due, so timer jitter never slows the audio.
 */
import { type AudioFrame } from './wrtc.js';

export const SAMPLE_RATE = 48_000;
export const FRAME_SAMPLES = 480;
const TICK_MS = 20;

/** The next 10 ms of audio, or undefined when the source has ended. */
export type FrameSource = () => AudioFrame | undefined;

export function monoFrame(samples: Int16Array): AudioFrame {
  return { samples, sampleRate: SAMPLE_RATE, bitsPerSample: 16, channelCount: 1, numberOfFrames: samples.length };
}

export function silence(): AudioFrame {
  return monoFrame(new Int16Array(FRAME_SAMPLES));
}

export function toneSource(frequencyHz: number, amplitude = 0.3): FrameSource {
  let n = 0;
  return () => {
    const samples = new Int16Array(FRAME_SAMPLES);
    for (let i = 0; i < FRAME_SAMPLES; i++, n++) samples[i] = Math.round(amplitude * 32767 * Math.sin((2 * Math.PI * frequencyHz * n) / SAMPLE_RATE));
    return monoFrame(samples);
  };
}

/** A recording (48 kHz mono), once or looped with `gapFrames` of silence between plays. */
export function pcmSource(pcm: Int16Array, options: { loop: boolean; gapFrames?: number }): FrameSource {
  let offset = 0;
  let gap = 0;
  return () => {
    if (gap > 0) {
      gap--;
      return silence();
    }
    if (offset >= pcm.length) {
      if (!options.loop) return undefined;
      offset = 0;
      gap = options.gapFrames ?? 0;
      return silence();
    }
    const samples = new Int16Array(FRAME_SAMPLES);
    samples.set(pcm.subarray(offset, offset + FRAME_SAMPLES));
    offset += FRAME_SAMPLES;
    return monoFrame(samples);
  };
}

export class AudioPlayer {
  private timer: NodeJS.Timeout | undefined;
  private startedAt = 0;
  private sent = 0;

  constructor(
    private readonly source: FrameSource,
    private readonly emit: (frame: AudioFrame) => void,
    private readonly onEnded?: () => void,
  ) {}

  get isPlaying(): boolean {
    return this.timer !== undefined;
  }

  start(): void {
    if (this.timer) return;
    this.startedAt = performance.now();
    this.sent = 0;
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    const due = Math.floor((performance.now() - this.startedAt) / 10);
    // After a long stall, skip ahead rather than flood the far end.
    if (due - this.sent > 20) this.sent = due - 20;
    while (this.sent < due && this.timer) {
      const frame = this.source();
      if (!frame) {
        this.stop();
        this.onEnded?.();
        return;
      }
      this.sent++;
      this.emit(frame);
    }
  }
}
