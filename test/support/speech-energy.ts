import { rms, toFloat } from './tone-analysis.js';
import { waitFor } from './wait-for.js';
import type { WrtcMediaEnvironment } from './wrtc-media-environment.js';

/** Resolves once some 200 ms of what this softphone hears is clearly louder than silence (speech). */
export async function speechHeard(media: WrtcMediaEnvironment, timeoutMs = 10_000, minRms = 0.02): Promise<number> {
  return waitFor(
    () => {
      const audio = media.recentAudio(200);
      const level = audio ? rms(toFloat(audio.samples)) : 0;
      return level > minRms ? level : false;
    },
    { timeoutMs, description: 'speech heard' },
  );
}
