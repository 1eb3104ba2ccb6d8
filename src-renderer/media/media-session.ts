import { ContractFailure } from '../../src-shared/contract/result.js';
import type { MediaSessionStats } from '../../src-shared/contract/media-contract.js';
import { waitForIceGatheringComplete } from './ice-gathering.js';
import { audioByteCounts } from './rtp-stats.js';
import type { SharedMicrophone } from './shared-microphone.js';

export interface MediaSessionDeps {
  /** a new (or pre-warmed) peer connection, now owned by the session */
  peerConnection: RTCPeerConnection;
  MediaStream: (new (tracks?: MediaStreamTrack[]) => MediaStream) | undefined;
  microphone: SharedMicrophone;
  iceGatheringTimeoutMs: number;
  onRemoteStream: (stream: MediaStream) => void;
  onMicrophoneError: (error: unknown) => void;
}

/**
 * One RTCPeerConnection, for one SIP.js session-description handler (sdhId). Operations run
 * one at a time in arrival order, as the SDH issues them; close() acts at once and makes
 * anything still queued fail.
 *
 * The microphone never delays an SDP: the audio transceiver is created (or taken from the
 * remote offer) first and the microphone track is attached with replaceTrack when it arrives.
 */
export class MediaSession {
  private readonly pc: RTCPeerConnection;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private muted = false;
  private hasMicrophone = false;
  private microphoneTrack: MediaStreamTrack | null = null;
  private readonly abandoned: Promise<void>;
  private abandon!: () => void;

  constructor(
    readonly sdhId: string,
    private readonly deps: MediaSessionDeps,
  ) {
    this.abandoned = new Promise<void>((resolve) => {
      this.abandon = resolve;
    });
    this.pc = deps.peerConnection;
    this.pc.addEventListener('track', this.onTrack);
  }

  getDescription(options: { hold: boolean; iceRestart: boolean }): Promise<{ type: 'offer' | 'answer'; sdp: string }> {
    return this.serial(async () => {
      const { pc } = this;
      switch (pc.signalingState) {
        case 'stable': {
          const transceiver = this.audioTransceiver() ?? pc.addTransceiver('audio', { direction: 'sendrecv' });
          this.prepareSending(transceiver, options.hold);
          await pc.setLocalDescription(await pc.createOffer({ iceRestart: options.iceRestart }));
          break;
        }
        case 'have-remote-offer': {
          const transceiver = this.audioTransceiver();
          if (transceiver) this.prepareSending(transceiver, options.hold);
          await pc.setLocalDescription(await pc.createAnswer());
          break;
        }
        case 'have-local-offer':
          // asked again while our offer is outstanding: it is still the offer
          break;
        default:
          throw new ContractFailure('invalid-state', `cannot describe media in state ${pc.signalingState}`);
      }
      await waitForIceGatheringComplete(pc, this.deps.iceGatheringTimeoutMs, this.abandoned);
      this.assertOpen();
      const local = pc.localDescription;
      if (!local || (local.type !== 'offer' && local.type !== 'answer')) {
        throw new ContractFailure('internal', 'no local description');
      }
      return { type: local.type, sdp: local.sdp };
    });
  }

  setDescription(options: { sdp: string; hold: boolean }): Promise<null> {
    return this.serial(async () => {
      const { pc } = this;
      if (pc.signalingState === 'have-local-offer') {
        await pc.setRemoteDescription({ type: 'answer', sdp: options.sdp });
      } else if (pc.signalingState === 'stable') {
        await pc.setRemoteDescription({ type: 'offer', sdp: options.sdp });
        // start opening the microphone now, while SIP.js asks for our answer
        const transceiver = this.audioTransceiver();
        if (transceiver) this.prepareSending(transceiver, options.hold);
      } else {
        throw new ContractFailure('invalid-state', `cannot apply a description in state ${pc.signalingState}`);
      }
      return null;
    });
  }

  /** Undo an outstanding local offer or an applied remote offer (rejected re-INVITE, glare). */
  rollback(): Promise<null> {
    return this.serial(async () => {
      const { pc } = this;
      if (pc.signalingState === 'have-local-offer') await pc.setLocalDescription({ type: 'rollback' });
      else if (pc.signalingState === 'have-remote-offer') await pc.setRemoteDescription({ type: 'rollback' });
      return null;
    });
  }

  setMuted(muted: boolean): Promise<null> {
    return this.serial(async () => {
      this.muted = muted;
      if (this.microphoneTrack) this.microphoneTrack.enabled = !muted;
      return null;
    });
  }

  /**
   * Send `track` instead of the current microphone track (another microphone was chosen): the
   * sender switches without renegotiation (replaceTrack); mute carries over; the old track stops.
   * A session that never attached a microphone, or is closed, just stops the track.
   */
  async replaceMicrophone(track: MediaStreamTrack): Promise<void> {
    const transceiver = this.audioTransceiver();
    if (this.closed || !this.hasMicrophone || !transceiver) {
      track.stop();
      return;
    }
    track.enabled = !this.muted;
    const old = this.microphoneTrack;
    this.microphoneTrack = track;
    try {
      await transceiver.sender.replaceTrack(track);
    } finally {
      if (old && old !== track) old.stop();
      if (this.closed) track.stop();
    }
  }

  /** true once this session attached (or is attaching) the shared microphone */
  get usesMicrophone(): boolean {
    return this.hasMicrophone && !this.closed;
  }

  sendDtmf(tones: string): Promise<boolean> {
    return this.serial(async () => {
      const dtmf = this.audioTransceiver()?.sender.dtmf;
      if (!dtmf || !dtmf.canInsertDTMF) return false;
      dtmf.insertDTMF(tones);
      return true;
    });
  }

  async stats(): Promise<MediaSessionStats> {
    const counts = this.closed ? { bytesReceived: 0, bytesSent: 0 } : audioByteCounts(await this.pc.getStats());
    return { sdhId: this.sdhId, connectionState: this.pc.connectionState, ...counts };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.abandon();
    this.pc.removeEventListener('track', this.onTrack);
    this.pc.close();
    this.microphoneTrack?.stop();
    this.microphoneTrack = null;
    if (this.hasMicrophone) this.deps.microphone.release();
  }

  private readonly onTrack = (event: RTCTrackEvent): void => {
    if (this.closed) return;
    const stream =
      event.streams[0] ?? (this.deps.MediaStream ? new this.deps.MediaStream([event.track]) : undefined);
    if (stream) this.deps.onRemoteStream(stream);
  };

  private audioTransceiver(): RTCRtpTransceiver | undefined {
    return this.pc.getTransceivers().find((t) => t.receiver.track?.kind === 'audio' && t.direction !== 'stopped');
  }

  /** Set the direction we want and make sure the microphone is (being) attached. */
  private prepareSending(transceiver: RTCRtpTransceiver, hold: boolean): void {
    transceiver.direction = hold ? 'sendonly' : 'sendrecv';
    if (this.hasMicrophone) return;
    this.hasMicrophone = true;
    this.deps.microphone
      .acquire()
      .then(async (track) => {
        if (!track) return;
        // closed meanwhile, or a microphone switch already attached a track of the new device
        if (this.closed || this.microphoneTrack) {
          track.stop();
          return;
        }
        track.enabled = !this.muted;
        this.microphoneTrack = track;
        await transceiver.sender.replaceTrack(track);
      })
      .catch((error: unknown) => {
        // no microphone (denied, none plugged in): the call goes on, receiving only
        this.deps.onMicrophoneError(error);
      });
  }

  private serial<T>(operation: () => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      this.assertOpen();
      try {
        return await operation();
      } catch (error) {
        if (error instanceof ContractFailure) throw error;
        this.assertOpen();
        throw new ContractFailure('internal', error instanceof Error ? error.message : String(error));
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private assertOpen(): void {
    if (this.closed) throw new ContractFailure('invalid-state', `media session ${this.sdhId} is closed`);
  }
}
