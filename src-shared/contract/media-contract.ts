import { z } from 'zod';
import { request, type ArgsOf, type ParsedArgsOf, type ResultOf } from './define.js';

/**
 * RPC from the phone core (main) to the media host (a hidden window in Electron, the page in
 * the browser host, @roamhq/wrtc in Node tests). One `sdhId` per SIP.js session-description
 * handler; the media host owns one RTCPeerConnection per id.
 */
const sdhId = z.string().min(1).max(64);
const sdp = z.string().min(1).max(64 * 1024);

export interface MediaSessionStats {
  sdhId: string;
  connectionState: string;
  bytesReceived: number;
  bytesSent: number;
}

export const mediaRequests = {
  /** offer when the connection is stable, answer when a remote offer is pending */
  'media.getDescription': request<{ type: 'offer' | 'answer'; sdp: string }>()(
    z.object({ sdhId, hold: z.boolean().default(false), iceRestart: z.boolean().default(false) }),
  ),
  'media.setDescription': request<null>()(z.object({ sdhId, sdp, hold: z.boolean().default(false) })),
  'media.rollback': request<null>()(z.object({ sdhId })),
  'media.sendDtmf': request<boolean>()(z.object({ sdhId, tones: z.string().regex(/^[0-9A-D*#,]{1,32}$/) })),
  'media.setMuted': request<null>()(z.object({ sdhId, muted: z.boolean() })),
  'media.close': request<null>()(z.object({ sdhId })),
  /** live peer connections, for tests and diagnostics */
  'media.stats': request<{ sessions: MediaSessionStats[] }>()(z.object({})),
};

export type MediaRequests = typeof mediaRequests;
export type MediaMethod = keyof MediaRequests;
export type MediaArgs<M extends MediaMethod> = ArgsOf<MediaRequests, M>;
export type MediaParsedArgs<M extends MediaMethod> = ParsedArgsOf<MediaRequests, M>;
export type MediaResult<M extends MediaMethod> = ResultOf<MediaRequests, M>;
export const mediaMethods = Object.keys(mediaRequests) as MediaMethod[];
