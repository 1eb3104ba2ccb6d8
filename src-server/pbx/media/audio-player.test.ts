import { describe, expect, it } from 'vitest';
import { FRAME_SAMPLES, pcmSource, toneSource } from './audio-player.js';
import { loadAudioAsset, parseWav } from './wav-asset.js';

describe('audio sources', () => {
  it('a recording played once ends; looped it restarts after its gap', () => {
    const pcm = new Int16Array(FRAME_SAMPLES * 2).fill(1000);
    const once = pcmSource(pcm, { loop: false });
    expect([once(), once(), once()].map((f) => f?.samples[0])).toEqual([1000, 1000, undefined]);
    const looped = pcmSource(pcm, { loop: true, gapFrames: 1 });
    expect([looped(), looped(), looped(), looped(), looped()].map((f) => f?.samples[0])).toEqual([1000, 1000, 0, 0, 1000]);
  });

  it('a tone is 10 ms of 48 kHz mono', () => {
    const frame = toneSource(1000)()!;
    expect(frame).toMatchObject({ sampleRate: 48_000, channelCount: 1, bitsPerSample: 16, numberOfFrames: FRAME_SAMPLES });
    expect(Math.max(...frame.samples)).toBeGreaterThan(5000);
  });

  it('the bundled speech assets are 48 kHz mono speech of several seconds', () => {
    for (const name of ['pstn-speech-ja', 'busy-message-ja'] as const) {
      const pcm = loadAudioAsset(name);
      expect(pcm.length / 48_000).toBeGreaterThan(2);
      expect(pcm.some((s) => Math.abs(s) > 3000)).toBe(true);
    }
  });

  it('refuses a WAV in another format', () => {
    const wav = Buffer.alloc(44);
    wav.write('RIFF', 0);
    wav.write('WAVE', 8);
    wav.write('fmt ', 12);
    wav.writeUInt32LE(16, 16);
    wav.writeUInt16LE(1, 22);
    wav.writeUInt32LE(22_050, 24);
    wav.writeUInt16LE(16, 34);
    wav.write('data', 36);
    expect(() => parseWav(wav)).toThrow(/48 kHz/);
  });
});
