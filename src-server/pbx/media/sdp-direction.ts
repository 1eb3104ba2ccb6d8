/**
 * Whether an SDP offer puts the call on hold (RFC 3264 §8.4: sendonly or inactive; the older
 * c=0.0.0.0 form of RFC 2543 too, for offers without ICE). Pure; looks at the first audio section (we anchor audio only).
 */
export type MediaDirection = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

export function audioDirection(sdp: string): MediaDirection {
  let session: MediaDirection = 'sendrecv';
  let inAudio = false;
  let seenAudio = false;
  let audio: MediaDirection | undefined;
  for (const raw of sdp.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('m=')) {
      if (seenAudio) break;
      inAudio = line.startsWith('m=audio');
      seenAudio ||= inAudio;
      continue;
    }
    const match = /^a=(sendrecv|sendonly|recvonly|inactive)$/.exec(line);
    if (!match) continue;
    if (inAudio) audio = match[1] as MediaDirection;
    else if (!seenAudio) session = match[1] as MediaDirection;
  }
  return audio ?? session;
}

/** The offer holds the call: its sender will not receive (sendonly / inactive / c=0.0.0.0). */
export function offerPutsOnHold(sdp: string): boolean {
  const direction = audioDirection(sdp);
  if (direction === 'sendonly' || direction === 'inactive') return true;
  // With ICE, c=0.0.0.0 only means "no candidate yet" (RFC 8839): it is hold only without ICE.
  return /^c=IN IP4 0\.0\.0\.0\s*$/m.test(sdp) && !/^a=ice-ufrag:/m.test(sdp);
}
