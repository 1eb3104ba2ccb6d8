import { describe, expect, it } from 'vitest';
import {
  countCandidates,
  filterIncomingSdp,
  filterOutgoingSdp,
  isLoopbackAddress,
  isLoopbackUdpHostCandidate,
  parseCandidateLine,
  sdpWithCandidates,
} from './sdp-filter.js';

// An offer as @roamhq/wrtc makes it here (trimmed): candidates on every interface.
const OFFER = [
  'v=0',
  'o=- 5794074052196677017 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'a=group:BUNDLE 0',
  'm=audio 59316 UDP/TLS/RTP/SAVPF 111 0',
  'c=IN IP4 192.0.2.2',
  'a=rtcp:9 IN IP4 0.0.0.0',
  'a=candidate:3077952869 1 udp 2122265343 fd00::2 53009 typ host generation 0 network-id 2',
  'a=candidate:3229573512 1 udp 2122194687 192.0.2.2 59316 typ host generation 0 network-id 1',
  'a=candidate:559267639 1 udp 2122136831 ::1 37025 typ host generation 0 network-id 4',
  'a=candidate:1510613869 1 udp 2122063615 127.0.0.1 59580 typ host generation 0 network-id 3',
  'a=candidate:344579997 1 tcp 1518083839 127.0.0.1 39913 typ host tcptype passive generation 0 network-id 3',
  'a=candidate:1 1 udp 1 abcd-1234.local 5000 typ host',
  'a=ice-ufrag:rf5J',
  'a=mid:0',
  'a=sendrecv',
  'a=rtpmap:111 opus/48000/2',
  '',
].join('\r\n');

const candidateLines = (sdp: string): string[] => sdp.split('\r\n').filter((l) => l.startsWith('a=candidate:'));

describe('filterOutgoingSdp (loopback)', () => {
  const out = filterOutgoingSdp(OFFER, 'loopback');

  it('keeps only the 127.0.0.1 UDP host candidate', () => {
    expect(candidateLines(out)).toEqual(['a=candidate:1510613869 1 udp 2122063615 127.0.0.1 59580 typ host generation 0 network-id 3']);
  });

  it('points c= and m= at it', () => {
    expect(out).toContain('\r\nm=audio 59580 UDP/TLS/RTP/SAVPF 111 0\r\n');
    expect(out).toContain('\r\nc=IN IP4 127.0.0.1\r\n');
    expect(out).toContain('\r\na=rtcp:9 IN IP4 127.0.0.1\r\n');
    expect(out).not.toContain('192.0.2.2');
  });

  it('leaves everything else alone and ends with CRLF', () => {
    expect(out).toContain('a=ice-ufrag:rf5J\r\na=mid:0\r\na=sendrecv\r\na=rtpmap:111 opus/48000/2\r\n');
    expect(out.endsWith('\r\n')).toBe(true);
  });
});

describe('filterIncomingSdp (loopback)', () => {
  it('drops candidates off loopback (other interfaces, mDNS names)', () => {
    const addresses = candidateLines(filterIncomingSdp(OFFER, 'loopback')).map((l) => parseCandidateLine(l)?.address);
    expect(addresses).toEqual(['::1', '127.0.0.1', '127.0.0.1']);
  });
});

describe('policy any', () => {
  it('changes nothing', () => {
    expect(filterOutgoingSdp(OFFER, 'any')).toBe(OFFER);
    expect(filterIncomingSdp(OFFER, 'any')).toBe(OFFER);
    expect(countCandidates(OFFER)).toBe(6);
  });
});

describe('helpers', () => {
  it('parses candidate lines and knows loopback', () => {
    expect(parseCandidateLine('a=candidate:1 1 UDP 2 10.0.0.1 9 typ srflx raddr 0.0.0.0 rport 0')).toEqual({
      component: 1,
      transport: 'udp',
      address: '10.0.0.1',
      port: 9,
      type: 'srflx',
    });
    expect(parseCandidateLine('a=candidate:junk')).toBeUndefined();
    expect(isLoopbackAddress('127.0.0.53')).toBe(true);
    expect(isLoopbackAddress('::1')).toBe(true);
    expect(isLoopbackAddress('192.0.2.2')).toBe(false);
  });
});

describe('sdpWithCandidates (our description, with the candidates gathered so far)', () => {
  const DESCRIPTION = ['v=0', 'o=- 1 2 IN IP4 127.0.0.1', 's=-', 't=0 0', 'm=audio 9 UDP/TLS/RTP/SAVPF 111', 'c=IN IP4 0.0.0.0', 'a=mid:0', 'm=video 9 UDP/TLS/RTP/SAVPF 96', 'a=mid:1', ''].join('\r\n');
  const LOOPBACK = 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host generation 0';
  const LAN = 'candidate:2 1 udp 2122194687 10.0.0.5 50001 typ host generation 0';

  it('adds each candidate to the end of its media section, once, and the filter then sends the loopback one', () => {
    const sdp = sdpWithCandidates(DESCRIPTION, [
      { candidate: LOOPBACK, sdpMLineIndex: 0 },
      { candidate: LAN, sdpMLineIndex: 0 },
      { candidate: 'candidate:3 1 udp 1 10.0.0.5 50002 typ host', sdpMLineIndex: 1 },
    ]);
    const lines = sdp.split('\r\n');
    expect(lines.slice(4, 9)).toEqual(['m=audio 9 UDP/TLS/RTP/SAVPF 111', 'c=IN IP4 0.0.0.0', 'a=mid:0', `a=${LOOPBACK}`, `a=${LAN}`]);
    expect(lines.slice(9, 12)).toEqual(['m=video 9 UDP/TLS/RTP/SAVPF 96', 'a=mid:1', 'a=candidate:3 1 udp 1 10.0.0.5 50002 typ host']);
    expect(sdp.endsWith('\r\n')).toBe(true);
    const sent = filterOutgoingSdp(sdp, 'loopback');
    expect(countCandidates(sent)).toBe(1);
    expect(sent).toContain('m=audio 50000 UDP/TLS/RTP/SAVPF 111');
    expect(sdpWithCandidates(sdp, [{ candidate: LOOPBACK, sdpMLineIndex: 0 }])).toBe(sdp);
  });

  it('knows the loopback UDP host candidate from the others', () => {
    expect(isLoopbackUdpHostCandidate(LOOPBACK)).toBe(true);
    expect(isLoopbackUdpHostCandidate(LAN)).toBe(false);
    expect(isLoopbackUdpHostCandidate('candidate:1 1 tcp 1 127.0.0.1 9 typ host tcptype active')).toBe(false);
    expect(isLoopbackUdpHostCandidate('candidate:junk')).toBe(false);
  });
});
