/**
 * A bare WebRTC audio endpoint on @roamhq/wrtc for PBX tests: sends a sine tone, records what it
 * hears, and does non-trickle offer/answer.
 */
import wrtc from '@roamhq/wrtc';

const SAMPLE_RATE = 48_000;
const FRAME = 480; // 10 ms
const GATHERING_TIMEOUT_MS = 5_000;

export class WrtcAudioEndpoint {
  readonly pc = new wrtc.RTCPeerConnection({ iceServers: [] });
  private readonly source = new wrtc.nonstandard.RTCAudioSource();
  private readonly track = this.source.createTrack();
  private sink: InstanceType<typeof wrtc.nonstandard.RTCAudioSink> | undefined;
  private toneTimer: NodeJS.Timeout | undefined;
  private phase = 0;
  private recent: Int16Array[] = [];
  framesReceived = 0;

  constructor(private readonly toneHz: number) {
    this.pc.addTrack(this.track, new wrtc.MediaStream([this.track]));
    this.pc.ontrack = (event) => this.listen(event.track);
  }

  async offer(): Promise<string> {
    await this.pc.setLocalDescription(await this.pc.createOffer());
    return this.gathered();
  }

  async answer(offerSdp: string): Promise<string> {
    await this.pc.setRemoteDescription({ type: 'offer', sdp: offerSdp });
    await this.pc.setLocalDescription(await this.pc.createAnswer());
    return this.gathered();
  }

  async accept(answerSdp: string): Promise<void> {
    await this.pc.setRemoteDescription({ type: 'answer', sdp: answerSdp });
  }

  startTone(): void {
    this.toneTimer = setInterval(() => {
      const samples = new Int16Array(FRAME);
      const step = (2 * Math.PI * this.toneHz) / SAMPLE_RATE;
      for (let i = 0; i < FRAME; i++) {
        samples[i] = Math.round(8000 * Math.sin(this.phase));
        this.phase += step;
      }
      this.phase %= 2 * Math.PI;
      this.source.onData({ samples, sampleRate: SAMPLE_RATE, bitsPerSample: 16, channelCount: 1, numberOfFrames: FRAME });
    }, 10);
  }

  /** The last `frames` 10 ms frames received, concatenated (mono). */
  recentSamples(frames: number): Int16Array | undefined {
    if (this.recent.length < frames) return undefined;
    const chosen = this.recent.slice(-frames);
    const out = new Int16Array(chosen.reduce((n, f) => n + f.length, 0));
    let offset = 0;
    for (const f of chosen) {
      out.set(f, offset);
      offset += f.length;
    }
    return out;
  }

  async close(): Promise<void> {
    if (this.toneTimer) clearInterval(this.toneTimer);
    const sink = this.sink;
    if (sink) sink.ondata = null;
    await new Promise<void>((resolve) =>
      setImmediate(() => {
        sink?.stop();
        this.track.stop();
        this.pc.close();
        resolve();
      }),
    );
  }

  private listen(track: MediaStreamTrack): void {
    if (this.sink || track.kind !== 'audio') return;
    this.sink = new wrtc.nonstandard.RTCAudioSink(track);
    this.sink.ondata = (data: { samples: Int16Array; channelCount: number; sampleRate: number }) => {
      this.framesReceived++;
      const mono = data.channelCount > 1 ? data.samples.filter((_, i) => i % data.channelCount === 0) : data.samples;
      this.recent.push(Int16Array.from(mono));
      if (this.recent.length > 100) this.recent.shift();
    };
  }

  private async gathered(): Promise<string> {
    if (this.pc.iceGatheringState !== 'complete') {
      // Host candidates come first; after the timeout the SDP has what is there (never a hang).
      await new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          this.pc.removeEventListener('icegatheringstatechange', check);
          resolve();
        };
        const check = (): void => {
          if (this.pc.iceGatheringState === 'complete') done();
        };
        const timer = setTimeout(done, GATHERING_TIMEOUT_MS);
        this.pc.addEventListener('icegatheringstatechange', check);
      });
    }
    return this.pc.localDescription?.sdp ?? '';
  }
}
