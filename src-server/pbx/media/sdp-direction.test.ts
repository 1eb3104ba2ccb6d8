import { describe, expect, it } from 'vitest';
import { audioDirection, offerPutsOnHold } from './sdp-direction.js';

const sdp = (...lines: string[]): string => ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 't=0 0', ...lines].join('\r\n') + '\r\n';

describe('hold in an SDP offer', () => {
  it('sendonly and inactive hold; sendrecv and recvonly do not', () => {
    expect(offerPutsOnHold(sdp('m=audio 9 UDP/TLS/RTP/SAVPF 111', 'a=ice-ufrag:x', 'a=sendonly'))).toBe(true);
    expect(offerPutsOnHold(sdp('m=audio 9 UDP/TLS/RTP/SAVPF 111', 'a=ice-ufrag:x', 'a=inactive'))).toBe(true);
    expect(offerPutsOnHold(sdp('m=audio 9 UDP/TLS/RTP/SAVPF 111', 'a=ice-ufrag:x', 'a=sendrecv'))).toBe(false);
    expect(offerPutsOnHold(sdp('m=audio 9 UDP/TLS/RTP/SAVPF 111', 'a=ice-ufrag:x', 'a=recvonly'))).toBe(false);
  });

  it('a session-level direction applies unless the audio section has its own', () => {
    expect(audioDirection(sdp('a=sendonly', 'm=audio 9 RTP/AVP 0'))).toBe('sendonly');
    expect(audioDirection(sdp('a=sendonly', 'm=audio 9 RTP/AVP 0', 'a=sendrecv'))).toBe('sendrecv');
    expect(audioDirection(sdp('m=audio 9 RTP/AVP 0', 'm=video 9 RTP/AVP 96', 'a=inactive'))).toBe('sendrecv');
  });

  it('c=0.0.0.0 holds only without ICE (with ICE it just means no candidate yet)', () => {
    expect(offerPutsOnHold(sdp('c=IN IP4 0.0.0.0', 'm=audio 9 RTP/AVP 0'))).toBe(true);
    expect(offerPutsOnHold(sdp('m=audio 9 UDP/TLS/RTP/SAVPF 111', 'c=IN IP4 0.0.0.0', 'a=ice-ufrag:x'))).toBe(false);
  });
});
