import wrtc from '@roamhq/wrtc';

const SAMPLE_RATE = 48_000;
const FRAME = 480;

/** A sine on an RTCAudioSource, 10 ms frames, for the floor measurement. */
export class ToneSource {
  private readonly source = new wrtc.nonstandard.RTCAudioSource();
  readonly track: MediaStreamTrack = this.source.createTrack();
  private readonly timer: ReturnType<typeof setInterval>;
  private phase = 0;

  constructor(hz: number) {
    const step = (2 * Math.PI * hz) / SAMPLE_RATE;
    this.timer = setInterval(() => {
      const samples = new Int16Array(FRAME);
      for (let i = 0; i < FRAME; i++) {
        samples[i] = Math.round(0.3 * 32767 * Math.sin(this.phase));
        this.phase = (this.phase + step) % (2 * Math.PI);
      }
      this.source.onData({ samples, sampleRate: SAMPLE_RATE, bitsPerSample: 16, channelCount: 1, numberOfFrames: FRAME });
    }, 10);
  }

  stop(): void {
    clearInterval(this.timer);
    this.track.stop();
  }
}

/** RMS of a frame relative to full scale. */
export function frameRms(samples: Int16Array): number {
  let sum = 0;
  for (const s of samples) sum += s * s;
  return samples.length === 0 ? 0 : Math.sqrt(sum / samples.length) / 32768;
}

/** Loud enough to be the tone and not comfort noise or silence. */
export const AUDIBLE_RMS = 0.02;

/** performance.now() of the first received frame with audible energy on `track`. */
export function firstLoudFrame(track: MediaStreamTrack): Promise<number> {
  return new Promise((resolve) => {
    const sink = new wrtc.nonstandard.RTCAudioSink(track);
    sink.ondata = (frame: { samples: Int16Array }) => {
      if (frameRms(frame.samples) < AUDIBLE_RMS) return;
      const at = performance.now();
      sink.ondata = null;
      setImmediate(() => sink.stop());
      resolve(at);
    };
  });
}
