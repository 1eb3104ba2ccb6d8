/**
 * What a bare WrtcAudioEndpoint hears now, for PBX tests: a tone by frequency, or music on hold
 * (the PBX's melody of known notes, media/music-on-hold.ts).
 */
import { estimateTone, toFloat, type ToneEstimate } from './tone-analysis.js';
import { waitFor } from './wait-for.js';
import { type WrtcAudioEndpoint } from './wrtc-audio-endpoint.js';
import { MUSIC_ON_HOLD_NOTES_HZ } from '../../src-server/pbx/media/music-on-hold.js';

/** The dominant tone of the next 200 ms of fresh audio. */
export async function heardTone(endpoint: WrtcAudioEndpoint, timeoutMs = 15_000): Promise<ToneEstimate> {
  const start = endpoint.framesReceived;
  await waitFor(() => endpoint.framesReceived >= start + 30, { description: 'fresh audio', timeoutMs });
  const samples = await waitFor(() => endpoint.recentSamples(20), { description: 'recorded audio', timeoutMs });
  return estimateTone(toFloat(samples), 48_000);
}

/** Wait until the endpoint hears a tone within 20 Hz of `frequencyHz` (clearly above silence). */
export async function waitForTone(endpoint: WrtcAudioEndpoint, frequencyHz: number, timeoutMs = 15_000): Promise<ToneEstimate> {
  let last: ToneEstimate | undefined;
  try {
    return await waitFor(
      async () => {
        last = await heardTone(endpoint, timeoutMs);
        return Math.abs(last.frequencyHz - frequencyHz) <= 20 && last.rms > 0.02 ? last : undefined;
      },
      { timeoutMs, description: `a ${frequencyHz} Hz tone` },
    );
  } catch (error) {
    throw new Error(`${(error as Error).message}; last heard ${JSON.stringify(last)}`, { cause: error });
  }
}

const isNote = (estimate: ToneEstimate): number | undefined =>
  estimate.rms > 0.02 ? MUSIC_ON_HOLD_NOTES_HZ.find((note) => Math.abs(note - estimate.frequencyHz) <= 15) : undefined;

/**
 * Wait until the endpoint has heard at least two different notes of the music on hold (one note
 * could be a coincidence; the melody changes note every 500 ms). Returns the notes heard.
 */
export async function waitForMusicOnHold(endpoint: WrtcAudioEndpoint, timeoutMs = 20_000): Promise<number[]> {
  const heard = new Set<number>();
  const seen: number[] = [];
  try {
    await waitFor(
      async () => {
        const estimate = await heardTone(endpoint, timeoutMs);
        seen.push(estimate.frequencyHz);
        const note = isNote(estimate);
        if (note !== undefined) heard.add(note);
        return heard.size >= 2;
      },
      { timeoutMs, description: 'two notes of the music on hold' },
    );
  } catch (error) {
    throw new Error(`${(error as Error).message}; heard ${seen.slice(-10).join(', ')} Hz`, { cause: error });
  }
  return [...heard];
}
