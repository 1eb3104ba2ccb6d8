import type { AudioRouteOutcome } from '../../src-shared/contract/media-contract.js';
import { cadenceFor, frequenciesAt, type Cadence, type SignalKind } from '../media/signal-tones.js';
import { SILENT_SIGNALS, type SignalPlayer, type SignalState } from '../media/signal-player.js';
import { setSinkIdOf, supportsSinkId } from './remote-audio-players.js';

/** how often the cadences are advanced; their steps are multiples of 50 ms */
const TICK_MS = 25;
const LEVEL = 0.2;

/** One output: Web Audio oscillators into a MediaStream played by its own audio element. */
class SignalOutput {
  readonly audio: HTMLAudioElement;
  private readonly destination: MediaStreamAudioDestinationNode;
  private readonly gain: GainNode;
  private oscillators: OscillatorNode[] = [];
  private sounding: readonly number[] = [];

  constructor(
    private readonly context: AudioContext,
    container: HTMLElement,
    name: string,
  ) {
    this.destination = context.createMediaStreamDestination();
    this.gain = context.createGain();
    this.gain.gain.value = LEVEL;
    this.gain.connect(this.destination);
    this.audio = container.ownerDocument.createElement('audio');
    this.audio.hidden = true;
    this.audio.dataset.signalOutput = name;
    this.audio.srcObject = this.destination.stream;
    container.append(this.audio);
  }

  /** Sound these frequencies (summed) from now on; [] = silence. */
  sound(frequencies: readonly number[]): void {
    if (sameFrequencies(frequencies, this.sounding)) return;
    this.sounding = frequencies;
    for (const oscillator of this.oscillators) oscillator.stop();
    this.oscillators = frequencies.map((hz) => {
      const oscillator = this.context.createOscillator();
      oscillator.frequency.value = hz;
      oscillator.connect(this.gain);
      oscillator.start();
      return oscillator;
    });
    if (frequencies.length > 0 && this.audio.paused) {
      this.audio.play().catch((error: unknown) => console.warn('[plusphone] signal tone did not start', error));
    }
  }

  dispose(): void {
    this.sound([]);
    this.audio.pause();
    this.audio.srcObject = null;
    this.audio.remove();
  }
}

/**
 * Local signals in a browser window (the hidden Electron media window or the browser-host page):
 * the ringtone on the ringer's audio element, ringback and call waiting on the speaker's, each
 * routed with setSinkId. A cadence starts from its beginning whenever its signal turns on.
 */
export class BrowserSignalPlayer implements SignalPlayer {
  private context: AudioContext | null = null;
  private ringer: SignalOutput | null = null;
  private speaker: SignalOutput | null = null;
  private ringerSink = '';
  private speakerSink = '';
  private state: SignalState = SILENT_SIGNALS;
  private readonly started = new Map<SignalKind, number>();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly win: Window & typeof globalThis,
    private readonly container: HTMLElement,
  ) {}

  async setRinger(deviceId: string | null): Promise<AudioRouteOutcome> {
    if (!supportsSinkId(this.container.ownerDocument)) return { status: 'unsupported' };
    this.ringerSink = deviceId ?? '';
    if (this.ringer) await setSinkIdOf(this.ringer.audio, this.ringerSink);
    return { status: 'applied' };
  }

  async setSpeaker(deviceId: string | null): Promise<AudioRouteOutcome> {
    if (!supportsSinkId(this.container.ownerDocument)) return { status: 'unsupported' };
    this.speakerSink = deviceId ?? '';
    if (this.speaker) await setSinkIdOf(this.speaker.audio, this.speakerSink);
    return { status: 'applied' };
  }

  async play(state: SignalState): Promise<AudioRouteOutcome> {
    const now = this.win.performance.now();
    const wants: Array<[SignalKind, boolean]> = [
      ['ringtone', state.ringtone !== null && state.ringtone !== 'silent'],
      ['ringback', state.ringback],
      ['callWaiting', state.callWaiting],
    ];
    for (const [kind, on] of wants) {
      if (!on) this.started.delete(kind);
      else if (!this.started.has(kind) || (kind === 'ringtone' && state.ringtone !== this.state.ringtone)) this.started.set(kind, now);
    }
    this.state = state;
    if (this.started.size === 0) {
      this.stopTicking();
      return { status: 'applied' };
    }
    if (typeof this.win.AudioContext !== 'function') return { status: 'unsupported' };
    await this.ensureOutputs();
    this.tick();
    this.timer ??= setInterval(() => this.tick(), TICK_MS);
    return { status: 'applied' };
  }

  dispose(): void {
    this.stopTicking();
    this.ringer?.dispose();
    this.speaker?.dispose();
    this.ringer = null;
    this.speaker = null;
    void this.context?.close().catch(() => undefined);
    this.context = null;
  }

  private async ensureOutputs(): Promise<void> {
    if (!this.context) this.context = new this.win.AudioContext();
    // never awaited: before a user gesture a page's resume() stays pending (autoplay policy)
    if (this.context.state === 'suspended') void this.context.resume().catch(() => undefined);
    if (!this.ringer) {
      this.ringer = new SignalOutput(this.context, this.container, 'ringer');
      if (this.ringerSink !== '') await setSinkIdOf(this.ringer.audio, this.ringerSink).catch(() => undefined);
    }
    if (!this.speaker) {
      this.speaker = new SignalOutput(this.context, this.container, 'speaker');
      if (this.speakerSink !== '') await setSinkIdOf(this.speaker.audio, this.speakerSink).catch(() => undefined);
    }
  }

  /** Ringer: the ringtone. Speaker: ringback, else the call-waiting beep. */
  private tick(): void {
    const now = this.win.performance.now();
    const at = (kind: SignalKind): readonly number[] => {
      const since = this.started.get(kind);
      const cadence: Cadence | null = since === undefined ? null : cadenceFor(kind, this.state.ringtone);
      return cadence && since !== undefined ? frequenciesAt(cadence, now - since) : [];
    };
    this.ringer?.sound(at('ringtone'));
    const ringback = at('ringback');
    this.speaker?.sound(this.started.has('ringback') ? ringback : at('callWaiting'));
  }

  private stopTicking(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    this.ringer?.sound([]);
    this.speaker?.sound([]);
  }
}

function sameFrequencies(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((hz, i) => hz === b[i]);
}
