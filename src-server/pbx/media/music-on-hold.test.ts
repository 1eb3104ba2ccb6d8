import { describe, expect, it } from 'vitest';
import { MUSIC_ON_HOLD_NOTES_HZ, musicOnHoldSample, musicOnHoldSource } from './music-on-hold.js';

/** Zero crossings over a block, as a frequency (good enough for one pure tone). */
function crossingFrequency(samples: number[], sampleRate: number): number {
  let crossings = 0;
  for (let i = 1; i < samples.length; i++) if ((samples[i - 1]! < 0) !== (samples[i]! < 0)) crossings++;
  return (crossings / 2) * (sampleRate / samples.length);
}

describe('music on hold', () => {
  it('plays its notes in order, 500 ms each, then rests', () => {
    for (const [index, frequency] of MUSIC_ON_HOLD_NOTES_HZ.entries()) {
      const start = index * 24_000 + 2_400; // 50 ms into the note, past the fade
      const block = Array.from({ length: 9_600 }, (_, i) => musicOnHoldSample(start + i));
      expect(Math.abs(crossingFrequency(block, 48_000) - frequency)).toBeLessThan(10);
    }
    const rest = Array.from({ length: 4_800 }, (_, i) => musicOnHoldSample(8 * 24_000 + i));
    expect(rest.every((s) => s === 0)).toBe(true);
  });

  it('is deterministic and loops', () => {
    const a = musicOnHoldSource();
    const b = musicOnHoldSource();
    expect([...a()!.samples]).toEqual([...b()!.samples]);
    expect(musicOnHoldSample(5_000)).toBe(musicOnHoldSample(5_000 + 9 * 24_000));
  });

  it('fades in: no click at a note start', () => {
    expect(Math.abs(musicOnHoldSample(1))).toBeLessThan(200);
  });
});
