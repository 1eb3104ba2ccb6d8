import type { Page } from '@playwright/test';

export interface HeardAudio {
  /** loudest RMS seen, 0..1 of full scale (0 when no remote stream plays) */
  rms: number;
  /** strongest frequency at that moment, Hz */
  frequencyHz: number;
}

/**
 * What the hidden media window is playing from the other party: taps each remote stream its
 * <audio> elements play with a Web Audio analyser (a test-only observer; the app exposes no
 * diagnostics in Electron) until the sound is at least `minRms` or `timeoutMs` passes.
 */
export function heardAudio(mediaWindow: Page, options: { minRms: number; timeoutMs: number }): Promise<HeardAudio> {
  return mediaWindow.evaluate(async ({ minRms, timeoutMs }) => {
    const streams = [...document.querySelectorAll('audio')]
      .map((audio) => audio.srcObject)
      .filter((source): source is MediaStream => source instanceof MediaStream && source.getAudioTracks().length > 0);
    if (streams.length === 0) return { rms: 0, frequencyHz: 0 };
    const context = new AudioContext();
    try {
      await context.resume();
      const analysers = streams.map((stream) => {
        const analyser = context.createAnalyser();
        analyser.fftSize = 8192;
        context.createMediaStreamSource(stream).connect(analyser);
        return analyser;
      });
      const samples = new Float32Array(8192);
      const spectrum = new Float32Array(4096);
      let best = { rms: 0, frequencyHz: 0 };
      const deadline = performance.now() + timeoutMs;
      while (best.rms < minRms && performance.now() < deadline) {
        await new Promise((settle) => setTimeout(settle, 50));
        for (const analyser of analysers) {
          analyser.getFloatTimeDomainData(samples);
          const rms = Math.sqrt(samples.reduce((sum, x) => sum + x * x, 0) / samples.length);
          if (rms <= best.rms) continue;
          analyser.getFloatFrequencyData(spectrum);
          let peak = 1;
          for (let bin = 2; bin < spectrum.length; bin++) if (spectrum[bin]! > spectrum[peak]!) peak = bin;
          best = { rms, frequencyHz: (peak * context.sampleRate) / analyser.fftSize };
        }
      }
      return best;
    } finally {
      await context.close();
    }
  }, options);
}
