import { z } from 'zod';
import { RINGTONES } from './requests/settings.js';
import { request, type ArgsOf, type ParsedArgsOf, type ResultOf } from './define.js';

/**
 * RPC from the phone core (main) to the media host (a hidden window in Electron, the page in
 * the browser host, @roamhq/wrtc in Node tests). One `sdhId` per SIP.js session-description
 * handler; the media host owns one RTCPeerConnection per id.
 */
const sdhId = z.string().min(1).max(64);
const sdp = z.string().min(1).max(64 * 1024);

/** A device id from enumerateDevices; null = the system default. */
const deviceId = z.string().min(1).max(256).nullable();

/**
 * What became of a routing request: applied, not possible where the host runs (no setSinkId,
 * no tone player: the call goes on with the default), or failed (e.g. the device is gone).
 */
export type AudioRouteOutcome = { status: 'applied' } | { status: 'unsupported' } | { status: 'failed'; message: string };

export interface MediaAudioDevice {
  kind: 'audioinput' | 'audiooutput';
  deviceId: string;
  label: string;
}

export interface MediaDeviceList {
  devices: MediaAudioDevice[];
  /** outputs can be chosen (setSinkId exists) */
  speakerSelection: boolean;
}

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
  /** audio devices as the host sees them (labels only once the microphone was allowed) */
  'media.listDevices': request<MediaDeviceList>()(z.object({})),
  /**
   * Open this microphone (null = the system default) and switch every live call to it
   * (replaceTrack); the previous one is released. Calls keep the old one when the new fails.
   */
  'media.setMicrophone': request<AudioRouteOutcome>()(z.object({ deviceId })),
  /** play call audio on this output (setSinkId on every call's audio element, now and later) */
  'media.setSpeaker': request<AudioRouteOutcome>()(z.object({ deviceId })),
  /** play the ringtone on this output (its own audio element, so it may differ from the call audio) */
  'media.setRinger': request<AudioRouteOutcome>()(z.object({ deviceId })),
  /**
   * The local signals the host plays, as a whole state (idempotent): the ringtone on the ringer
   * (null = silent), the ringback tone on the speaker while a call rings out without early
   * media, and the call-waiting beep on the speaker.
   */
  'media.setSignals': request<AudioRouteOutcome>()(
    z.object({ ringtone: z.enum(RINGTONES).nullable(), ringback: z.boolean(), callWaiting: z.boolean().default(false) }),
  ),
};

export type MediaRequests = typeof mediaRequests;
export type MediaMethod = keyof MediaRequests;
export type MediaArgs<M extends MediaMethod> = ArgsOf<MediaRequests, M>;
export type MediaParsedArgs<M extends MediaMethod> = ParsedArgsOf<MediaRequests, M>;
export type MediaResult<M extends MediaMethod> = ResultOf<MediaRequests, M>;
export const mediaMethods = Object.keys(mediaRequests) as MediaMethod[];
