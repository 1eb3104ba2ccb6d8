import type { Ringtone } from '../../src-shared/contract/requests/settings.js';

/**
 * The local signals the media host plays, as cadences of pure tones (no audio files, nothing to
 * load; tests can tell them apart by frequency). A cadence repeats; each step sounds its
 * frequencies (summed) for `ms`, or is silent when `hz` is empty.
 */
export interface CadenceStep {
  hz: readonly number[];
  ms: number;
}
export type Cadence = readonly CadenceStep[];

export type SignalKind = 'ringtone' | 'ringback' | 'callWaiting';

/** 呼出音 as Japanese networks play it: 400 Hz (16 Hz warble approximated by 384+416 Hz), 1 s on, 2 s off. */
export const RINGBACK_CADENCE: Cadence = [
  { hz: [384, 416], ms: 1_000 },
  { hz: [], ms: 2_000 },
];

/** Two short beeps every 4 s: a second call while talking, heard on the call's speaker. */
export const CALL_WAITING_CADENCE: Cadence = [
  { hz: [440], ms: 150 },
  { hz: [], ms: 150 },
  { hz: [440], ms: 150 },
  { hz: [], ms: 3_550 },
];

export const RINGTONE_CADENCES: Readonly<Record<Exclude<Ringtone, 'silent'>, Cadence>> = {
  /** a desk phone's trill: 1 kHz / 1.3 kHz alternating, 1 s on, 2 s off */
  classic: [
    ...Array.from({ length: 10 }, (_, i) => ({ hz: [i % 2 === 0 ? 1_000 : 1_300], ms: 100 })),
    { hz: [], ms: 2_000 },
  ],
  /** a soft three-note chime (E6, C6, G5) */
  chime: [
    { hz: [1_318.5], ms: 300 },
    { hz: [1_046.5], ms: 300 },
    { hz: [784], ms: 600 },
    { hz: [], ms: 1_800 },
  ],
  /** short pulses at 880 Hz */
  pulse: [
    { hz: [880], ms: 200 },
    { hz: [], ms: 200 },
    { hz: [880], ms: 200 },
    { hz: [], ms: 1_400 },
  ],
};

export function cadenceFor(kind: SignalKind, ringtone: Ringtone | null): Cadence | null {
  if (kind === 'ringback') return RINGBACK_CADENCE;
  if (kind === 'callWaiting') return CALL_WAITING_CADENCE;
  if (ringtone === null || ringtone === 'silent') return null;
  return RINGTONE_CADENCES[ringtone];
}

export const cadenceLength = (cadence: Cadence): number => cadence.reduce((total, step) => total + step.ms, 0);

/** The frequencies sounding `elapsedMs` after the cadence started ([] = silence). */
export function frequenciesAt(cadence: Cadence, elapsedMs: number): readonly number[] {
  const cycle = cadenceLength(cadence);
  if (cycle <= 0) return [];
  let t = ((elapsedMs % cycle) + cycle) % cycle;
  for (const step of cadence) {
    if (t < step.ms) return step.hz;
    t -= step.ms;
  }
  return [];
}
