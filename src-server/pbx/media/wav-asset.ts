/** Bundled audio (assets/audio/*.wav, 48 kHz mono 16-bit PCM), read once and kept. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SAMPLE_RATE } from './audio-player.js';

export type AudioAsset = 'pstn-speech-ja' | 'busy-message-ja' | 'ivr-menu-keiri-ja';

const cache = new Map<AudioAsset, Int16Array>();

export function loadAudioAsset(name: AudioAsset): Int16Array {
  const cached = cache.get(name);
  if (cached) return cached;
  const pcm = parseWav(readFileSync(fileURLToPath(new URL(`../../../assets/audio/${name}.wav`, import.meta.url))));
  cache.set(name, pcm);
  return pcm;
}

export function parseWav(buf: Buffer): Int16Array {
  if (buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') throw new Error('not a WAV file');
  let offset = 12;
  let format: { channels: number; rate: number; bits: number } | undefined;
  while (offset + 8 <= buf.length) {
    const id = buf.toString('ascii', offset, offset + 4);
    const length = buf.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') format = { channels: buf.readUInt16LE(body + 2), rate: buf.readUInt32LE(body + 4), bits: buf.readUInt16LE(body + 14) };
    if (id === 'data') {
      if (!format || format.channels !== 1 || format.rate !== SAMPLE_RATE || format.bits !== 16) throw new Error('WAV must be 48 kHz mono 16-bit');
      const end = Math.min(body + length, buf.length);
      const pcm = new Int16Array((end - body) >> 1);
      for (let i = 0; i < pcm.length; i++) pcm[i] = buf.readInt16LE(body + i * 2);
      return pcm;
    }
    offset = body + length + (length & 1);
  }
  throw new Error('WAV has no data chunk');
}
