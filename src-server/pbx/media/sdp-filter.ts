/**
 * Keeping media on loopback (team rule for dev and tests): SDP we send offers only 127.0.0.1 UDP
 * host candidates; SDP we receive loses every candidate that is not on a loopback address, so
 * our peer connections never try another interface. Pure string functions over SDP lines.
 */
export type MediaAddressPolicy = 'loopback' | 'any';

interface CandidateLine {
  transport: string;
  address: string;
  port: number;
  type: string;
  component: number;
}

/** `a=candidate:<foundation> <component> <transport> <priority> <address> <port> typ <type> ...` */
export function parseCandidateLine(line: string): CandidateLine | undefined {
  const match = /^a=candidate:\S+ (\d+) (\S+) \d+ (\S+) (\d+) typ (\S+)/i.exec(line.trim());
  if (!match) return undefined;
  return {
    component: Number(match[1]),
    transport: (match[2] as string).toLowerCase(),
    address: match[3] as string,
    port: Number(match[4]),
    type: (match[5] as string).toLowerCase(),
  };
}

export function isLoopbackAddress(address: string): boolean {
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address) || address === '::1';
}

function splitLines(sdp: string): string[] {
  return sdp.split(/\r?\n/).filter((line, index, lines) => line.length > 0 || index < lines.length - 1);
}

function joinLines(lines: string[]): string {
  return `${lines.filter((l) => l.length > 0).join('\r\n')}\r\n`;
}

/** SDP we send: only 127.0.0.1 UDP host candidates; c= and m= ports follow the kept candidate. */
export function filterOutgoingSdp(sdp: string, policy: MediaAddressPolicy): string {
  if (policy === 'any') return sdp;
  const lines = splitLines(sdp);
  const out: string[] = [];
  // Per media section, the RTP port of the kept candidate, to make m= consistent with it.
  const sections: Array<{ mIndex: number; port: number | undefined }> = [];
  for (const line of lines) {
    if (line.startsWith('m=')) sections.push({ mIndex: out.length, port: undefined });
    if (line.startsWith('a=candidate:')) {
      const candidate = parseCandidateLine(line);
      if (!candidate || !isLoopbackUdpHost(candidate)) continue;
      const section = sections[sections.length - 1];
      if (section && section.port === undefined && candidate.component === 1) section.port = candidate.port;
    }
    if (/^c=IN IP[46] /.test(line)) {
      out.push('c=IN IP4 127.0.0.1');
      continue;
    }
    if (line.startsWith('a=rtcp:')) {
      out.push(line.replace(/ IN IP[46] \S+$/, ' IN IP4 127.0.0.1'));
      continue;
    }
    out.push(line);
  }
  for (const section of sections) {
    const mLine = out[section.mIndex];
    if (mLine && section.port !== undefined) out[section.mIndex] = mLine.replace(/^(m=\S+ )\d+/, `$1${section.port}`);
  }
  return joinLines(out);
}

/** SDP we receive: candidates off loopback are dropped (peer-reflexive discovery still works). */
export function filterIncomingSdp(sdp: string, policy: MediaAddressPolicy): string {
  if (policy === 'any') return sdp;
  const lines = splitLines(sdp).filter((line) => {
    if (!line.startsWith('a=candidate:')) return true;
    const candidate = parseCandidateLine(line);
    return !!candidate && isLoopbackAddress(candidate.address);
  });
  return joinLines(lines);
}

export function countCandidates(sdp: string): number {
  return splitLines(sdp).filter((line) => line.startsWith('a=candidate:')).length;
}

/** A gathered candidate as the icecandidate event gives it. */
export interface GatheredCandidate {
  /** "candidate:…" (no "a=") */
  candidate: string;
  sdpMLineIndex: number | null;
}

/**
 * Our description with the candidates gathered so far added to their media sections, built in
 * JavaScript: reading `pc.localDescription` while libwebrtc is still adding candidates on its
 * own thread can crash @roamhq/wrtc (a core dump showed SdpSerialize racing with gathering).
 */
export function sdpWithCandidates(sdp: string, candidates: readonly GatheredCandidate[]): string {
  const lines = splitLines(sdp);
  const out: string[] = [];
  let section = -1;
  const flush = (): void => {
    if (section < 0) return;
    for (const c of candidates) if ((c.sdpMLineIndex ?? 0) === section && !lines.includes(`a=${c.candidate}`)) out.push(`a=${c.candidate}`);
  };
  for (const line of lines) {
    if (line.startsWith('m=')) {
      flush();
      section++;
    }
    if (line.length > 0) out.push(line);
  }
  flush();
  return joinLines(out);
}

/** A 127.0.0.1 UDP host candidate: on loopback, the only one we send. */
export function isLoopbackUdpHostCandidate(candidate: string): boolean {
  const parsed = parseCandidateLine(`a=${candidate}`);
  return !!parsed && isLoopbackUdpHost(parsed);
}

function isLoopbackUdpHost(candidate: CandidateLine): boolean {
  return candidate.transport === 'udp' && candidate.type === 'host' && candidate.address === '127.0.0.1';
}
