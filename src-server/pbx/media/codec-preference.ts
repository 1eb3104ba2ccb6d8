/**
 * Which audio codec the PBX asks its legs to use. Every bridged leg is decoded and re-encoded
 * inside the PBX: Opus (default) gives wideband voice; G.711 μ-law (PCMU, what the public
 * network carries anyway) is cheaper to encode, so a busy PBX carries more calls with it
 * (bench/pbx-capacity.ts measures both).
 */
export type AudioCodecPreference = 'opus' | 'pcmu';

export const AUDIO_CODEC_PREFERENCES: readonly AudioCodecPreference[] = ['opus', 'pcmu'];

const RTPMAP_NAME: Record<AudioCodecPreference, string> = { opus: 'OPUS', pcmu: 'PCMU' };

/**
 * The SDP with the codec's payload types first in every audio m= line (other codecs stay, in
 * their order, for endpoints without it). Both ends send with the first codec of the answer, so
 * this is applied to our answers and to our offers alike.
 */
export function preferAudioCodec(sdp: string, codec: AudioCodecPreference): string {
  const eol = sdp.includes('\r\n') ? '\r\n' : '\n';
  const lines = sdp.split(eol);
  const wanted = new Set<string>();
  for (const line of lines) {
    const match = /^a=rtpmap:(\d+) ([^/\s]+)\//.exec(line);
    if (match && match[2]!.toUpperCase() === RTPMAP_NAME[codec]) wanted.add(match[1]!);
  }
  if (wanted.size === 0) return sdp;
  return lines
    .map((line) => {
      const match = /^(m=audio \S+ \S+) (.+)$/.exec(line);
      if (!match) return line;
      const types = match[2]!.split(' ');
      return `${match[1]} ${[...types.filter((t) => wanted.has(t)), ...types.filter((t) => !wanted.has(t))].join(' ')}`;
    })
    .join(eol);
}
