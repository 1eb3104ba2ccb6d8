/**
 * The settings view's device checks, in the page itself (Web Audio): a short test tone on a
 * chosen output, and the level of a chosen microphone. They do not touch the media host's
 * calls; a check is stopped when the view closes.
 */

type SinkCapable = HTMLMediaElement & { setSinkId?: (sinkId: string) => Promise<void> };

/** Test tone: 1 kHz for the speaker, a two-tone chirp for the ringer (so the two are told apart). */
export const TEST_TONES: Readonly<Record<'speaker' | 'ringer', readonly number[]>> = {
  speaker: [1000],
  ringer: [1300, 1600],
};
const TEST_TONE_MS = 800;

/**
 * Plays the tone on `deviceId` (null = the default output) and resolves when it ended. The
 * output is chosen with setSinkId on an audio element fed by the graph; without setSinkId the
 * default output plays it.
 */
export async function playTestTone(frequencies: readonly number[], deviceId: string | null): Promise<void> {
  const context = new AudioContext();
  const destination = context.createMediaStreamDestination();
  const audio = new Audio() as SinkCapable;
  try {
    const gain = context.createGain();
    gain.gain.value = 0.2;
    gain.connect(destination);
    const step = TEST_TONE_MS / 1000 / frequencies.length;
    frequencies.forEach((frequency, index) => {
      const oscillator = context.createOscillator();
      oscillator.frequency.value = frequency;
      oscillator.connect(gain);
      oscillator.start(context.currentTime + index * step);
      oscillator.stop(context.currentTime + (index + 1) * step);
    });
    audio.srcObject = destination.stream;
    if (deviceId && typeof audio.setSinkId === 'function') await audio.setSinkId(deviceId);
    await audio.play();
    await new Promise((resolve) => setTimeout(resolve, TEST_TONE_MS + 100));
  } finally {
    audio.pause();
    audio.srcObject = null;
    await context.close();
  }
}

/** A running microphone level meter. */
export interface LevelMeter {
  /** 0..1: the RMS of the last ~20 ms, scaled so speech reaches the upper half */
  level(): number;
  stop(): void;
}

export async function startLevelMeter(deviceId: string | null): Promise<LevelMeter> {
  // Made before the first await, while the click still counts as a user gesture: an AudioContext
  // created after a slow getUserMedia may start suspended (autoplay policy) and read only silence.
  const context = new AudioContext();
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: deviceId ? { deviceId: { exact: deviceId } } : true,
      video: false,
    });
  } catch (error) {
    void context.close();
    throw error;
  }
  if (context.state === 'suspended') await context.resume();
  const analyser = context.createAnalyser();
  analyser.fftSize = 1024;
  context.createMediaStreamSource(stream).connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  return {
    level() {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const sample of samples) sum += sample * sample;
      const rms = Math.sqrt(sum / samples.length);
      return Math.min(1, rms * 4);
    },
    stop() {
      for (const track of stream.getTracks()) track.stop();
      void context.close();
    },
  };
}
