import { estimateTone, toFloat, type ToneEstimate } from './tone-analysis.js';
import { waitFor } from './wait-for.js';
import type { WrtcMediaEnvironment } from './wrtc-media-environment.js';

/**
 * The tone a softphone is hearing now: waits for 300 ms of fresh audio (so the jitter buffer
 * has settled and nothing stale is analysed), then estimates 200 ms of it.
 */
export async function receivedTone(media: WrtcMediaEnvironment, timeoutMs = 10_000): Promise<ToneEstimate> {
  const startFrames = media.framesReceived;
  await waitFor(() => media.framesReceived >= startFrames + 30, { timeoutMs, description: 'fresh audio frames' });
  const audio = await waitFor(() => media.recentAudio(200), { timeoutMs, description: 'recorded audio' });
  return estimateTone(toFloat(audio.samples), audio.sampleRate);
}

/** A tone counts as heard when it is within 20 Hz of the expected one and clearly above silence. */
export const TONE_TOLERANCE_HZ = 20;
export const MIN_TONE_RMS = 0.02;
