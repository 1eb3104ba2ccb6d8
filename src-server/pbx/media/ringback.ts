/**
 * Japanese ringback tone (呼出音): 400 Hz modulated by 16 Hz, 1 s on, 2 s off, for a party that
 * waits while the PBX rings someone for it (park recall, transfer).
 */
import { FRAME_SAMPLES, SAMPLE_RATE, monoFrame, type FrameSource } from './audio-player.js';

const CYCLE_SAMPLES = SAMPLE_RATE * 3;
const ON_SAMPLES = SAMPLE_RATE;

export function ringbackSource(amplitude = 0.2): FrameSource {
  let n = 0;
  return () => {
    const samples = new Int16Array(FRAME_SAMPLES);
    for (let i = 0; i < FRAME_SAMPLES; i++, n++) {
      const t = n % CYCLE_SAMPLES;
      if (t >= ON_SAMPLES) continue;
      const envelope = 0.5 + 0.5 * Math.sin((2 * Math.PI * 16 * t) / SAMPLE_RATE);
      samples[i] = Math.round(amplitude * 32767 * envelope * Math.sin((2 * Math.PI * 400 * t) / SAMPLE_RATE));
    }
    return monoFrame(samples);
  };
}
