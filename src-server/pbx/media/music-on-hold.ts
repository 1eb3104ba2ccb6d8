/**
 * Music on hold: a short, calm, looping melody of pure tones (a C-major pentatonic phrase), made
 * in code so there is no asset to license and tests can recognise it by its known frequencies.
 * Each note fades in and out (no clicks); a rest ends the phrase.
 */
import { FRAME_SAMPLES, SAMPLE_RATE, monoFrame, type FrameSource } from './audio-player.js';

/** The notes of the phrase, Hz (C5 E5 G5 A5 G5 E5 D5 C5): what a listener hears on hold. */
export const MUSIC_ON_HOLD_NOTES_HZ: readonly number[] = [523.25, 659.25, 783.99, 880, 783.99, 659.25, 587.33, 523.25];
const NOTE_MS = 500;
const REST_MS = 500;
const FADE_MS = 20;
const AMPLITUDE = 0.25;

const NOTE_SAMPLES = (SAMPLE_RATE * NOTE_MS) / 1000;
const REST_SAMPLES = (SAMPLE_RATE * REST_MS) / 1000;
const FADE_SAMPLES = (SAMPLE_RATE * FADE_MS) / 1000;
const PHRASE_SAMPLES = NOTE_SAMPLES * MUSIC_ON_HOLD_NOTES_HZ.length + REST_SAMPLES;

/** Sample `n` of the endless melody (deterministic: the same `n` always gives the same value). */
export function musicOnHoldSample(n: number): number {
  const inPhrase = n % PHRASE_SAMPLES;
  const note = Math.floor(inPhrase / NOTE_SAMPLES);
  const frequency = MUSIC_ON_HOLD_NOTES_HZ[note];
  if (frequency === undefined) return 0; // the rest
  const t = inPhrase - note * NOTE_SAMPLES;
  const envelope = Math.min(1, t / FADE_SAMPLES, (NOTE_SAMPLES - t) / FADE_SAMPLES);
  return Math.round(AMPLITUDE * 32767 * envelope * Math.sin((2 * Math.PI * frequency * t) / SAMPLE_RATE));
}

/** The melody from its start, forever, as 10 ms frames for an AudioPlayer. */
export function musicOnHoldSource(): FrameSource {
  let n = 0;
  return () => {
    const samples = new Int16Array(FRAME_SAMPLES);
    for (let i = 0; i < FRAME_SAMPLES; i++, n++) samples[i] = musicOnHoldSample(n);
    return monoFrame(samples);
  };
}
