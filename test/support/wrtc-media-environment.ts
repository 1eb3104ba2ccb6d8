import wrtc from '@roamhq/wrtc';
import type { MediaHostEnvironment } from '../../src-renderer/media/media-host.js';

/**
 * A MediaHostEnvironment on @roamhq/wrtc for Node tests: the "microphone" is an RTCAudioSource
 * playing a sine (10 ms frames at 48 kHz), and every remote track is recorded through an
 * RTCAudioSink so a test can check which tone arrived.
 */
export interface WrtcMediaEnvironmentOptions {
  toneHz: number;
  /** 0..1 of full scale; default 0.3 */
  amplitude?: number;
  iceGatheringTimeoutMs?: number;
  /**
   * Extra "microphones" by device id, each playing its own tone (audio-routing tests switch
   * between them); `toneHz` is the default device. An unknown id fails as getUserMedia does.
   */
  microphones?: Record<string, number>;
}

export interface RecordedAudio {
  sampleRate: number;
  samples: Int16Array;
}

interface AudioFrame {
  samples: Int16Array;
  sampleRate: number;
  channelCount?: number;
  numberOfFrames?: number;
}

const SAMPLE_RATE = 48_000;
const FRAME_SAMPLES = 480; // 10 ms
const KEEP_SAMPLES = SAMPLE_RATE * 2;

class ToneMicrophone {
  private readonly source = new wrtc.nonstandard.RTCAudioSource();
  readonly track: MediaStreamTrack = this.source.createTrack();
  private readonly timer: ReturnType<typeof setInterval>;
  private phase = 0;

  constructor(toneHz: number, amplitude: number) {
    const step = (2 * Math.PI * toneHz) / SAMPLE_RATE;
    this.timer = setInterval(() => {
      // the media host stops the track when the last call ends: then the "microphone" is off
      if (this.track.readyState === 'ended') {
        this.stop();
        return;
      }
      const samples = new Int16Array(FRAME_SAMPLES);
      for (let i = 0; i < FRAME_SAMPLES; i++) {
        samples[i] = Math.round(amplitude * 32767 * Math.sin(this.phase));
        this.phase = (this.phase + step) % (2 * Math.PI);
      }
      this.source.onData({ samples, sampleRate: SAMPLE_RATE, bitsPerSample: 16, channelCount: 1, numberOfFrames: FRAME_SAMPLES });
    }, 10);
  }

  stop(): void {
    clearInterval(this.timer);
    if (this.track.readyState !== 'ended') this.track.stop();
  }
}

class AudioRecorder {
  private readonly sink: InstanceType<typeof wrtc.nonstandard.RTCAudioSink>;
  private chunks: Int16Array[] = [];
  private kept = 0;
  frames = 0;
  sampleRate = SAMPLE_RATE;
  lastFrameAt = 0;

  constructor(
    track: MediaStreamTrack,
    private readonly onReceived: (samples: Int16Array) => void,
  ) {
    this.sink = new wrtc.nonstandard.RTCAudioSink(track);
    this.sink.ondata = (frame: AudioFrame) => this.onFrame(frame);
  }

  recent(sampleCount: number): Int16Array {
    const all = new Int16Array(this.kept);
    let offset = 0;
    for (const chunk of this.chunks) {
      all.set(chunk, offset);
      offset += chunk.length;
    }
    return all.slice(Math.max(0, all.length - sampleCount));
  }

  stop(): void {
    this.sink.ondata = null;
    // never stop a sink from inside its own ondata callback (wrtc can crash)
    setImmediate(() => this.sink.stop());
  }

  private onFrame(frame: AudioFrame): void {
    const channels = frame.channelCount ?? 1;
    const mono = channels === 1 ? frame.samples.slice() : frame.samples.filter((_, i) => i % channels === 0);
    this.sampleRate = frame.sampleRate;
    this.frames += 1;
    this.lastFrameAt = Date.now();
    this.chunks.push(mono);
    this.kept += mono.length;
    this.onReceived(mono);
    while (this.kept - (this.chunks[0]?.length ?? 0) >= KEEP_SAMPLES) {
      this.kept -= this.chunks.shift()?.length ?? 0;
    }
  }
}

export class WrtcMediaEnvironment {
  readonly env: MediaHostEnvironment;
  private readonly microphones = new Set<ToneMicrophone>();
  private readonly recorders = new Map<string, AudioRecorder>();
  private readonly frameListeners = new Set<(samples: Int16Array) => void>();

  constructor(options: WrtcMediaEnvironmentOptions) {
    const amplitude = options.amplitude ?? 0.3;
    this.env = {
      RTCPeerConnection: wrtc.RTCPeerConnection,
      MediaStream: wrtc.MediaStream,
      getMicrophone: async (deviceId) => {
        const toneHz = deviceId ? options.microphones?.[deviceId] : options.toneHz;
        if (toneHz === undefined) throw new Error(`NotFoundError: no microphone ${deviceId}`);
        const microphone = new ToneMicrophone(toneHz, amplitude);
        this.microphones.add(microphone);
        return new wrtc.MediaStream([microphone.track]);
      },
      listDevices: async () =>
        Object.keys(options.microphones ?? {}).map((deviceId) => ({ kind: 'audioinput' as const, deviceId, label: `tone ${options.microphones?.[deviceId]} Hz` })),
      // wrtc has no audio output: setSpeaker and signals are absent, so routing answers 'unsupported'
      onRemoteStream: (sdhId, stream) => {
        const track = stream.getAudioTracks()[0];
        if (!track) return;
        this.recorders.get(sdhId)?.stop();
        this.recorders.set(sdhId, new AudioRecorder(track, (samples) => this.notifyFrame(samples)));
      },
      onSessionClosed: (sdhId) => {
        this.recorders.get(sdhId)?.stop();
        this.recorders.delete(sdhId);
      },
      iceGatheringTimeoutMs: options.iceGatheringTimeoutMs ?? 2_000,
    };
  }

  /** Every received 10 ms frame (mono samples) as it arrives, e.g. to time the first audio. */
  onAudioFrame(listener: (samples: Int16Array) => void): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  private notifyFrame(samples: Int16Array): void {
    for (const listener of this.frameListeners) listener(samples);
  }

  /** Frames received over all current calls. */
  get framesReceived(): number {
    let total = 0;
    for (const recorder of this.recorders.values()) total += recorder.frames;
    return total;
  }

  /** The last `durationMs` of audio from the call that received most recently, or null. */
  recentAudio(durationMs: number): RecordedAudio | null {
    let latest: AudioRecorder | undefined;
    for (const recorder of this.recorders.values()) {
      if (!latest || recorder.lastFrameAt > latest.lastFrameAt) latest = recorder;
    }
    if (!latest || latest.frames === 0) return null;
    const samples = latest.recent(Math.round((latest.sampleRate * durationMs) / 1000));
    return { sampleRate: latest.sampleRate, samples };
  }

  /** Microphones still producing audio (the media host stops them when calls end). */
  get liveMicrophones(): number {
    let live = 0;
    for (const microphone of this.microphones) if (microphone.track.readyState !== 'ended') live += 1;
    return live;
  }

  dispose(): void {
    this.frameListeners.clear();
    for (const recorder of this.recorders.values()) recorder.stop();
    this.recorders.clear();
    for (const microphone of this.microphones) microphone.stop();
    this.microphones.clear();
  }
}
