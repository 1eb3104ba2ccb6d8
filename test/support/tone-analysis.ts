/**
 * Pure DSP for checking received audio in tests: which frequency dominates, and how loud.
 * Goertzel over a Hann-windowed block, scanned across the voice band.
 */
export interface ToneEstimate {
  /** the scanned frequency with the most power, Hz */
  frequencyHz: number;
  /** RMS of the block, full scale = 1 */
  rms: number;
  /** share of the scanned power at the winning frequency and its neighbours (0..1) */
  purity: number;
}

export function toFloat(samples: Int16Array): Float32Array {
  const out = new Float32Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = (samples[i] ?? 0) / 32768;
  return out;
}

export function rms(samples: Float32Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const s of samples) sum += s * s;
  return Math.sqrt(sum / samples.length);
}

/** Power of `frequencyHz` in `samples` (Goertzel, Hann window). */
export function goertzelPower(samples: Float32Array, sampleRate: number, frequencyHz: number): number {
  const n = samples.length;
  const coefficient = 2 * Math.cos((2 * Math.PI * frequencyHz) / sampleRate);
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const window = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (n - 1));
    const s0 = (samples[i] ?? 0) * window + coefficient * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  return s1 * s1 + s2 * s2 - coefficient * s1 * s2;
}

export function estimateTone(
  samples: Float32Array,
  sampleRate: number,
  { minHz = 100, maxHz = 4000, stepHz = 10 } = {},
): ToneEstimate {
  let bestHz = 0;
  let bestPower = -1;
  const powers: Array<[number, number]> = [];
  for (let f = minHz; f <= maxHz; f += stepHz) {
    const power = goertzelPower(samples, sampleRate, f);
    powers.push([f, power]);
    if (power > bestPower) {
      bestPower = power;
      bestHz = f;
    }
  }
  const total = powers.reduce((sum, [, p]) => sum + p, 0);
  const near = powers.filter(([f]) => Math.abs(f - bestHz) <= 3 * stepHz).reduce((sum, [, p]) => sum + p, 0);
  return { frequencyHz: bestHz, rms: rms(samples), purity: total > 0 ? near / total : 0 };
}

/** A sine block, for self-tests of the analysis. */
export function sine(frequencyHz: number, sampleRate: number, length: number, amplitude = 0.5, phase = 0): Float32Array {
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = amplitude * Math.sin(phase + (2 * Math.PI * frequencyHz * i) / sampleRate);
  return out;
}
