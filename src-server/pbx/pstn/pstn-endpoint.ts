/**
 * An in-process far end a Call rings like a device, without SIP or a peer connection: the PSTN
 * simulator's numbers and the default busy message. It rings, then answers, refuses busy, or rings
 * forever, and produces / consumes 48 kHz 10 ms frames through its AudioPort.
 */
import { type PstnBehaviour } from './pstn-numbers.js';
import { type CalleeLegListener } from '../b2bua/callee-leg.js';
import { type CalleeSide } from '../b2bua/callee-side.js';
import { type LegEndListener } from '../b2bua/leg.js';
import { type PartyIdentity } from '../b2bua/party.js';
import { type AudioPort } from '../media/audio-port.js';
import { AudioPlayer, pcmSource, silence, toneSource, type FrameSource } from '../media/audio-player.js';
import { loadAudioAsset } from '../media/wav-asset.js';
import { type AudioFrame } from '../media/wrtc.js';

/** What the far end does: a simulator number, or the busy message (answers, plays it once, hangs up). */
export type FarEndBehaviour = PstnBehaviour | { kind: 'busyMessage' };

export interface PstnEndpointTiming {
  ringAfterMs: number;
  answerAfterMs: number;
}

const DEFAULT_TIMING: PstnEndpointTiming = { ringAfterMs: 100, answerAfterMs: 800 };
const ECHO_QUEUE_LIMIT = 200;

type State = 'idle' | 'ringing' | 'answered' | 'ended';

export class PstnEndpoint implements CalleeSide {
  private state: State = 'idle';
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly listeners = new Set<(frame: AudioFrame) => void>();
  private readonly echoQueue: AudioFrame[] = [];
  private player: AudioPlayer | undefined;
  private resolveFinished: () => void = () => undefined;
  readonly finished = new Promise<void>((resolve) => (this.resolveFinished = resolve));
  readonly answererSipUser = undefined;
  readonly media: AudioPort;
  readonly identity: PartyIdentity;
  private owner: LegEndListener;

  constructor(
    private readonly behaviour: FarEndBehaviour,
    private readonly listener: CalleeLegListener,
    private readonly timing: PstnEndpointTiming = DEFAULT_TIMING,
    /** the number that was dialled (what the caller is shown) */
    number = '',
  ) {
    this.owner = listener;
    this.identity = { number, displayName: '' };
    this.media = {
      onAudio: (l) => {
        this.listeners.add(l);
        return () => this.listeners.delete(l);
      },
      pushAudio: (frame) => this.hear(frame),
    };
  }

  get isDisposed(): boolean {
    return this.state === 'ended';
  }

  get isPending(): boolean {
    return this.state === 'idle' || this.state === 'ringing';
  }

  start(): Promise<void> {
    const { kind } = this.behaviour;
    const immediate = kind === 'busyMessage';
    this.after(immediate ? 0 : this.timing.ringAfterMs, () => {
      this.state = 'ringing';
      if (!immediate) this.listener.onCalleeRinging(this);
      if (kind === 'neverAnswers') return;
      this.after(immediate ? 0 : this.timing.answerAfterMs, () => {
        if (kind === 'busy') {
          this.end();
          this.listener.onCalleeFailed(this, 486);
          return;
        }
        this.state = 'answered';
        this.listener.onCalleeAnswered(this, '');
      });
    });
    return Promise.resolve();
  }

  connectMedia(): Promise<void> {
    if (this.state !== 'answered') return Promise.resolve();
    this.player = new AudioPlayer(this.source(), (frame) => this.say(frame), () => {
      // only a source that ends (the busy message) gets here: the far end hangs up
      if (this.state !== 'answered') return;
      this.end();
      this.owner.onLegEnded(this, 'bye');
    });
    this.player.start();
    return Promise.resolve();
  }

  terminate(): void {
    this.end();
  }

  rebind(listener: LegEndListener): void {
    this.owner = listener;
  }

  hangUp(): void {
    this.end();
  }

  private source(): FrameSource {
    const b = this.behaviour;
    switch (b.kind) {
      case 'tone':
        return toneSource(b.frequencyHz);
      case 'echo': {
        const delayFrames = Math.round(b.delayMs / 10);
        let primed = false;
        return () => {
          if (!primed && this.echoQueue.length < delayFrames) return silence();
          primed = true;
          return this.echoQueue.shift() ?? silence();
        };
      }
      case 'busyMessage':
        return pcmSource(loadAudioAsset('busy-message-ja'), { loop: false });
      default:
        return pcmSource(loadAudioAsset('pstn-speech-ja'), { loop: true, gapFrames: 50 });
    }
  }

  private hear(frame: AudioFrame): void {
    if (this.behaviour.kind !== 'echo' || this.state !== 'answered') return;
    this.echoQueue.push({ ...frame, samples: frame.samples.slice() });
    if (this.echoQueue.length > ECHO_QUEUE_LIMIT) this.echoQueue.shift();
  }

  private say(frame: AudioFrame): void {
    for (const l of this.listeners) l(frame);
  }

  private after(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.state !== 'ended') run();
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }

  private end(): void {
    if (this.state === 'ended') return;
    this.state = 'ended';
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.player?.stop();
    this.listeners.clear();
    this.echoQueue.length = 0;
    this.resolveFinished();
  }
}
