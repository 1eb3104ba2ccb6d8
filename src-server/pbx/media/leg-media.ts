/**
 * The media end of one call leg inside the PBX: its own peer connection, an audio source whose
 * track we send to the endpoint, and (when someone listens) a sink on the audio we receive.
 * Music on hold, tones, IVR and bridges to in-process far ends work through `pushAudio` and
 * `onAudio`; two legs bridged to each other forward audio inside libwebrtc (`hear`), because a
 * JavaScript hop per 10 ms frame and leg is what limited the PBX's capacity (bench/pbx-capacity.ts).
 */
import { preferAudioCodec, type AudioCodecPreference } from './codec-preference.js';
import { FramePacer } from './frame-pacer.js';
import { waitForIceGathering } from './ice-gathering.js';
import {
  countCandidates,
  filterIncomingSdp,
  filterOutgoingSdp,
  isLoopbackUdpHostCandidate,
  sdpWithCandidates,
  type GatheredCandidate,
  type MediaAddressPolicy,
} from './sdp-filter.js';
import {
  MediaStream,
  RTCAudioSink,
  RTCAudioSource,
  type AudioFrame,
  type RTCAudioSinkInstance,
  type RTCAudioSourceInstance,
} from './wrtc.js';
import { describeError, type PbxLogger } from '../logger.js';

export interface LegMediaOptions {
  pc: RTCPeerConnection;
  policy: MediaAddressPolicy;
  gatheringTimeoutMs: number;
  /** the codec put first in our offers and answers */
  audioCodec: AudioCodecPreference;
  logger: PbxLogger;
  /** called once, after the peer connection is closed */
  onClosed: (media: LegMedia) => void;
}

export class MediaClosedError extends Error {
  constructor() {
    super('leg media closed');
  }
}

type AudioListener = (frame: AudioFrame) => void;

export class LegMedia {
  private readonly pc: RTCPeerConnection;
  private readonly source: RTCAudioSourceInstance;
  private readonly track: MediaStreamTrack;
  private sink: RTCAudioSinkInstance | undefined;
  private readonly listeners = new Set<AudioListener>();
  private closing: Promise<void> | undefined;
  private framesSent = 0;
  private framesReceived = 0;
  /** received frames dropped because the PBX had fallen behind (see FramePacer) */
  private framesDropped = 0;
  private readonly pacer = new FramePacer();
  /** legs whose sender carries our received track (they must let go of it before we close) */
  private readonly heardBy = new Set<LegMedia>();
  /** the leg whose received track our sender carries, if any */
  private hearing: LegMedia | undefined;
  /**
   * Negotiation steps and sender track switches, one at a time in the order asked (as WebRTC's
   * operations chain does): a re-INVITE arriving while an answer or a switch is still being
   * applied waits for it instead of failing.
   */
  private operations: Promise<unknown> = Promise.resolve();
  private pcClosed = false;

  constructor(private readonly options: LegMediaOptions) {
    this.pc = options.pc;
    this.source = new RTCAudioSource();
    this.track = this.source.createTrack();
    this.pc.addTrack(this.track, new MediaStream([this.track]));
  }

  get isClosed(): boolean {
    return this.closing !== undefined;
  }

  get counters(): { framesSent: number; framesReceived: number; framesDropped: number } {
    return { framesSent: this.framesSent, framesReceived: this.framesReceived, framesDropped: this.framesDropped };
  }

  get connectionState(): RTCPeerConnectionState {
    return this.pc.connectionState;
  }

  /** Our offer, with complete (filtered) candidates. */
  createOffer(): Promise<string> {
    return this.chained(() => this.createOfferNow());
  }

  /** Take the endpoint's offer and return our answer. */
  answerOffer(remoteSdp: string): Promise<string> {
    return this.chained(() => this.answerOfferNow(remoteSdp));
  }

  applyAnswer(remoteSdp: string): Promise<void> {
    return this.chained(async () => {
      this.assertOpen();
      await this.pc.setRemoteDescription({ type: 'answer', sdp: this.usableRemoteSdp(remoteSdp) });
    });
  }

  /** Abandon an offer we made (e.g. an offer in a 2xx whose ACK brought no answer). */
  rollback(): Promise<void> {
    return this.chained(async () => {
      this.assertOpen();
      if (this.pc.signalingState === 'have-local-offer') await this.pc.setLocalDescription({ type: 'rollback' });
    });
  }

  private async createOfferNow(): Promise<string> {
    this.assertOpen();
    const offer = await this.pc.createOffer();
    this.assertOpen();
    return this.describe({ type: 'offer', sdp: preferAudioCodec(offer.sdp ?? '', this.options.audioCodec) });
  }

  private async answerOfferNow(remoteSdp: string): Promise<string> {
    this.assertOpen();
    await this.pc.setRemoteDescription({ type: 'offer', sdp: this.usableRemoteSdp(remoteSdp) });
    this.refuseNonAudio();
    this.assertOpen();
    const answer = await this.pc.createAnswer();
    this.assertOpen();
    return this.describe({ type: 'answer', sdp: preferAudioCodec(answer.sdp ?? '', this.options.audioCodec) });
  }

  /** Run `operation` after every operation asked before it, whether those succeeded or not. */
  private chained<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.operations.then(operation, operation);
    this.operations = result.catch(() => undefined);
    return result;
  }

  /** Receive the endpoint's decoded audio, 10 ms frames. Returns the unsubscribe function. */
  onAudio(listener: AudioListener): () => void {
    if (this.isClosed) return () => undefined;
    this.listeners.add(listener);
    this.ensureSink();
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * Send `other`'s received audio to our endpoint natively (no frame passes through JavaScript),
   * until the returned function is called; then our own source is sent again. Returns undefined
   * when it cannot be done (a leg closed, or not negotiated yet): use `onAudio`/`pushAudio` then.
   */
  hear(other: LegMedia): (() => void) | undefined {
    const track = other.receivedTrack();
    if (this.isClosed || other.isClosed || !track || !this.audioSender()) return undefined;
    const before = this.hearing;
    this.hearing = other;
    other.heardBy.add(this);
    void this.changeSenderTrack(track, before);
    return () => {
      if (this.hearing !== other) return;
      this.hearing = undefined;
      void this.changeSenderTrack(this.track, other);
    };
  }

  /** Send audio to the endpoint. */
  pushAudio(frame: AudioFrame): void {
    if (this.isClosed) return;
    this.source.onData(frame);
    this.framesSent++;
  }

  /** Close the peer connection, outside of any wrtc callback (it must not close from inside one). */
  close(): Promise<void> {
    if (this.closing) return this.closing;
    this.listeners.clear();
    const sink = this.sink;
    if (sink) sink.ondata = null;
    this.hearing = undefined;
    // Our received track must leave every sender that may carry it before our peer connection goes.
    const released = [...this.heardBy].map((leg) => {
      if (leg.hearing === this) leg.hearing = undefined;
      return leg.changeSenderTrack(leg.track, this);
    });
    this.closing = Promise.all(released).then(
      () =>
        new Promise<void>((resolve) => {
          setImmediate(() => {
            try {
              sink?.stop();
              this.track.stop();
              this.pcClosed = true;
              this.pc.close();
            } catch (error) {
              this.options.logger.warn('closing leg media failed', { error: describeError(error) });
            }
            this.options.onClosed(this);
            resolve();
          });
        }),
    );
    return this.closing;
  }

  private receivedTrack(): MediaStreamTrack | undefined {
    return this.pc.getTransceivers().find((t) => t.receiver.track.kind === 'audio')?.receiver.track;
  }

  private audioSender(): RTCRtpSender | undefined {
    return this.pc.getSenders().find((sender) => sender.track?.kind === 'audio');
  }

  /**
   * Switch what our sender sends, in turn; a failure is logged (the call keeps its signalling).
   * `released` (the leg whose track this replaces) may close once the switch is done, not before.
   */
  private changeSenderTrack(track: MediaStreamTrack, released: LegMedia | undefined): Promise<void> {
    return this.chained(async () => {
      const sender = this.audioSender();
      try {
        if (!this.pcClosed && sender && sender.track !== track) await sender.replaceTrack(track);
      } catch (error) {
        this.options.logger.warn('switching the audio a leg sends failed', { error: describeError(error) });
      } finally {
        if (released && released !== this.hearing) released.heardBy.delete(this);
      }
    });
  }

  private usableRemoteSdp(remoteSdp: string): string {
    const sdp = filterIncomingSdp(remoteSdp, this.options.policy);
    if (countCandidates(sdp) === 0 && countCandidates(remoteSdp) > 0) {
      // Only peer-reflexive discovery (the endpoint's checks reaching our loopback candidate) can work now.
      this.options.logger.warn('endpoint offered no loopback ICE candidates', { policy: this.options.policy });
    }
    return sdp;
  }

  /** Set our description; return it with its candidates (complete, or on loopback the one we send), filtered. */
  private async describe(description: { type: 'offer' | 'answer'; sdp: string }): Promise<string> {
    const { policy } = this.options;
    const gathered: GatheredCandidate[] = [];
    const onCandidate = (event: RTCPeerConnectionIceEvent): void => {
      if (event.candidate) gathered.push({ candidate: event.candidate.candidate, sdpMLineIndex: event.candidate.sdpMLineIndex });
    };
    // listening before setLocalDescription: candidates of a warm connection surface at once
    this.pc.addEventListener('icecandidate', onCandidate);
    try {
      await this.pc.setLocalDescription(description);
      this.assertOpen();
      // On loopback the filtered SDP carries only the 127.0.0.1 UDP host candidate: once it is
      // there, the rest of gathering (other interfaces, TCP) cannot change what we send.
      const hasLoopbackCandidate = (): boolean => gathered.some((c) => isLoopbackUdpHostCandidate(c.candidate));
      await waitForIceGathering(this.pc, this.options.gatheringTimeoutMs, policy === 'loopback' ? hasLoopbackCandidate : undefined);
    } finally {
      this.pc.removeEventListener('icecandidate', onCandidate);
    }
    this.assertOpen();
    // pc.localDescription only once gathering is over (see sdpWithCandidates)
    const sdp = this.pc.iceGatheringState === 'complete' ? this.pc.localDescription?.sdp : sdpWithCandidates(description.sdp, gathered);
    if (!sdp) throw new Error('no local description');
    return filterOutgoingSdp(sdp, policy);
  }

  private ensureSink(): void {
    if (this.sink) return;
    const track = this.receivedTrack();
    if (!track) return;
    const sink = new RTCAudioSink(track);
    sink.ondata = (frame: AudioFrame) => {
      this.framesReceived++;
      if (!this.pacer.admit(performance.now())) {
        this.framesDropped++;
        return;
      }
      // An exception escaping a native callback would take the process down.
      for (const listener of this.listeners) {
        try {
          listener(frame);
        } catch (error) {
          this.options.logger.warn('audio listener failed', { error: describeError(error) });
        }
      }
    };
    this.sink = sink;
  }

  /** We anchor audio only: any other media an endpoint offers is answered inactive. */
  private refuseNonAudio(): void {
    for (const transceiver of this.pc.getTransceivers()) {
      if (transceiver.receiver.track.kind !== 'audio' && transceiver.direction !== 'inactive') {
        try {
          transceiver.direction = 'inactive';
        } catch {
          // an implementation without direction control answers recvonly: harmless, nothing is forwarded
        }
      }
    }
  }

  private assertOpen(): void {
    if (this.closing) throw new MediaClosedError();
  }
}
