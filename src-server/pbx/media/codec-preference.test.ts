import { describe, expect, it } from 'vitest';
import { preferAudioCodec } from './codec-preference.js';

const OFFER = [
  'v=0',
  'o=- 1 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126',
  'a=rtpmap:111 opus/48000/2',
  'a=rtpmap:63 red/48000/2',
  'a=rtpmap:9 G722/8000',
  'a=rtpmap:0 PCMU/8000',
  'a=rtpmap:8 PCMA/8000',
  'a=rtpmap:13 CN/8000',
  'a=rtpmap:110 telephone-event/48000',
  'a=rtpmap:126 telephone-event/8000',
  'm=video 9 UDP/TLS/RTP/SAVPF 96',
  'a=rtpmap:96 VP8/90000',
  '',
].join('\r\n');

describe('preferAudioCodec', () => {
  it('moves PCMU first in the audio line and keeps every other codec in its order', () => {
    const sdp = preferAudioCodec(OFFER, 'pcmu');
    expect(sdp).toContain('m=audio 9 UDP/TLS/RTP/SAVPF 0 111 63 9 8 13 110 126\r\n');
    expect(sdp).toContain('m=video 9 UDP/TLS/RTP/SAVPF 96\r\n');
    expect(sdp.split('\r\n')).toHaveLength(OFFER.split('\r\n').length);
  });

  it('moves Opus first (matched without regard to case) and leaves an SDP already in order as it is', () => {
    const pcmuFirst = OFFER.replace('111 63 9 0 8', '0 111 63 9 8');
    expect(preferAudioCodec(pcmuFirst, 'opus')).toBe(OFFER.replace('111 63 9 0 8', '111 0 63 9 8'));
    expect(preferAudioCodec(OFFER, 'opus')).toBe(OFFER);
  });

  it('changes nothing when the codec is not offered, and keeps LF line ends', () => {
    const noPcmu = OFFER.replace('a=rtpmap:0 PCMU/8000\r\n', '').replace(' 0 8 ', ' 8 ');
    expect(preferAudioCodec(noPcmu, 'pcmu')).toBe(noPcmu);
    const lf = OFFER.replaceAll('\r\n', '\n');
    expect(preferAudioCodec(lf, 'pcmu')).toContain('m=audio 9 UDP/TLS/RTP/SAVPF 0 111 63 9 8 13 110 126\n');
  });
});
