import type { HandlersOf } from '../../src-shared/contract/define.js';
import type { MediaRequests } from '../../src-shared/contract/media-contract.js';
import { ContractFailure } from '../../src-shared/contract/result.js';
import { AudioRouter, type AudioRoutingEnvironment } from './audio-router.js';
import { MediaSession } from './media-session.js';
import { SharedMicrophone } from './shared-microphone.js';
import { SparePeerConnection } from './spare-peer-connection.js';

/**
 * What the media host needs from where it runs. The browser (media window or page) passes
 * window.RTCPeerConnection and getUserMedia and plays remote streams in <audio> elements;
 * Node tests pass @roamhq/wrtc with a tone generator (test/support/wrtc-media-environment.ts).
 */
export interface MediaHostEnvironment extends AudioRoutingEnvironment {
  RTCPeerConnection: new (configuration?: RTCConfiguration) => RTCPeerConnection;
  /** opened when the first call needs it, stopped when the last call ends; null = the system default */
  getMicrophone(deviceId?: string | null): Promise<MediaStream>;
  /** to wrap a remote track that arrived without a stream; defaults to the global MediaStream */
  MediaStream?: new (tracks?: MediaStreamTrack[]) => MediaStream;
  onRemoteStream?(sdhId: string, stream: MediaStream): void;
  onSessionClosed?(sdhId: string): void;
  onMicrophoneError?(error: unknown): void;
  rtcConfiguration?: RTCConfiguration;
  /** default 2000 ms */
  iceGatheringTimeoutMs?: number;
  /**
   * Keep peer connections with pre-gathered candidates ready for the next calls (default
   * true): calls set up ~100 ms faster at the cost of two idle connections.
   */
  prewarmPeerConnection?: boolean;
}

const DEFAULT_ICE_GATHERING_TIMEOUT_MS = 2_000;
const SPARE_MAX_AGE_MS = 60_000;
/** two, so that a call right after another still gets a connection that has finished gathering */
const SPARES = 2;
/** a runaway core must not make the host open unbounded peer connections */
const MAX_SESSIONS = 32;

/**
 * Serves the media contract (src-shared/contract/media-contract.ts) on the standard WebRTC API:
 * one RTCPeerConnection per sdhId, the microphone shared between them.
 */
export class MediaHost {
  readonly handlers: HandlersOf<MediaRequests>;
  private readonly sessions = new Map<string, MediaSession>();
  private readonly microphone: SharedMicrophone;
  private readonly spare: SparePeerConnection | undefined;
  private readonly audio: AudioRouter;
  private disposed = false;

  constructor(private readonly env: MediaHostEnvironment) {
    this.microphone = new SharedMicrophone((deviceId) => env.getMicrophone(deviceId));
    this.audio = new AudioRouter(env, this.microphone, () => this.sessions.values());
    if (env.prewarmPeerConnection ?? true) {
      const configuration: RTCConfiguration = { iceCandidatePoolSize: 1, ...env.rtcConfiguration };
      this.spare = new SparePeerConnection(() => new env.RTCPeerConnection(configuration), SPARE_MAX_AGE_MS, Date.now, SPARES);
    }
    this.handlers = {
      'media.getDescription': ({ sdhId, hold, iceRestart }) =>
        this.sessionFor(sdhId, { create: true }).getDescription({ hold, iceRestart }),
      'media.setDescription': ({ sdhId, sdp, hold }) =>
        this.sessionFor(sdhId, { create: true }).setDescription({ sdp, hold }),
      'media.rollback': ({ sdhId }) => this.sessionFor(sdhId).rollback(),
      'media.sendDtmf': ({ sdhId, tones }) => this.sessionFor(sdhId).sendDtmf(tones),
      'media.setMuted': ({ sdhId, muted }) => this.sessionFor(sdhId).setMuted(muted),
      'media.close': ({ sdhId }) => {
        this.closeSession(sdhId);
        return null;
      },
      'media.stats': async () => ({
        sessions: await Promise.all([...this.sessions.values()].map((session) => session.stats())),
      }),
      'media.listDevices': () => this.routing().listDevices(),
      'media.setMicrophone': ({ deviceId }) => this.routing().setMicrophone(deviceId),
      'media.setSpeaker': ({ deviceId }) => this.routing().setSpeaker(deviceId),
      'media.setRinger': ({ deviceId }) => this.routing().setRinger(deviceId),
      'media.setSignals': (state) => this.routing().setSignals(state),
    };
  }

  /** Close every peer connection and the microphone. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const sdhId of [...this.sessions.keys()]) this.closeSession(sdhId);
    this.spare?.dispose();
    this.audio.dispose();
    this.microphone.dispose();
  }

  private routing(): AudioRouter {
    if (this.disposed) throw new ContractFailure('unavailable', 'media host disposed');
    return this.audio;
  }

  /** Sessions are created synchronously, so a close that follows in the same order finds them. */
  private sessionFor(sdhId: string, { create = false } = {}): MediaSession {
    if (this.disposed) throw new ContractFailure('unavailable', 'media host disposed');
    const existing = this.sessions.get(sdhId);
    if (existing) return existing;
    if (!create) throw new ContractFailure('not-found', `unknown media session ${sdhId}`);
    if (this.sessions.size >= MAX_SESSIONS) throw new ContractFailure('unavailable', 'too many media sessions');
    const session = new MediaSession(sdhId, {
      peerConnection: this.spare?.take() ?? new this.env.RTCPeerConnection(this.env.rtcConfiguration),
      MediaStream: this.env.MediaStream ?? globalThis.MediaStream,
      microphone: this.microphone,
      iceGatheringTimeoutMs: this.env.iceGatheringTimeoutMs ?? DEFAULT_ICE_GATHERING_TIMEOUT_MS,
      onRemoteStream: (stream) => this.env.onRemoteStream?.(sdhId, stream),
      onMicrophoneError: (error) => this.env.onMicrophoneError?.(error),
    });
    this.sessions.set(sdhId, session);
    return session;
  }

  private closeSession(sdhId: string): void {
    const session = this.sessions.get(sdhId);
    if (!session) return;
    this.sessions.delete(sdhId);
    session.close();
    this.env.onSessionClosed?.(sdhId);
  }
}
