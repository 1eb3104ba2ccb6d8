/**
 * The PSTN simulator's inbound caller: an in-process party that calls a tenant's number (admin
 * API, `npm run server -- call`). Once answered it speaks (the bundled speech, looped) until the
 * callee hangs up, or hangs up itself after `maxDurationMs`. Given `keys` (`--ivr 2`), it presses
 * them as DTMF once answered — a voice menu answers at once and plays its prompt, so the keys come
 * while the prompt plays: the first 1 s after the answer, then one every 300 ms.
 */
import { type CallerLegListener } from '../b2bua/caller-leg.js';
import { type CallerSide } from '../b2bua/caller-side.js';
import { type LegEndListener } from '../b2bua/leg.js';
import { type PartyIdentity } from '../b2bua/party.js';
import { type AudioPort } from '../media/audio-port.js';
import { AudioPlayer, pcmSource } from '../media/audio-player.js';
import { loadAudioAsset } from '../media/wav-asset.js';
import { type AudioFrame } from '../media/wrtc.js';

const FIRST_KEY_DELAY_MS = 1000;
const KEY_INTERVAL_MS = 300;
const KEY_DURATION_MS = 100;

export class PstnCaller implements CallerSide {
  readonly connection = undefined;
  readonly media: AudioPort;
  private confirmed = false;
  private ended = false;
  private player: AudioPlayer | undefined;
  private hangUpTimer: NodeJS.Timeout | undefined;
  private keyTimer: NodeJS.Timeout | undefined;
  private readonly listeners = new Set<(frame: AudioFrame) => void>();
  private resolveFinished: () => void = () => undefined;
  readonly finished = new Promise<void>((resolve) => (this.resolveFinished = resolve));

  private owner: LegEndListener;
  readonly identity: PartyIdentity;

  constructor(
    private readonly listener: CallerLegListener,
    /** the simulated caller's number (digits) */
    number: string,
    private readonly maxDurationMs = 10 * 60_000,
    /** DTMF keys to press after the answer (0-9 * #), e.g. a voice menu's choice */
    private readonly keys = '',
  ) {
    this.owner = listener;
    this.identity = { number, displayName: '' };
    this.media = {
      onAudio: (l) => {
        this.listeners.add(l);
        return () => this.listeners.delete(l);
      },
      pushAudio: () => undefined, // the simulated caller does not listen
    };
  }

  get isDisposed(): boolean {
    return this.ended;
  }

  get isConfirmed(): boolean {
    return this.confirmed;
  }

  prepareAnswer(): Promise<void> {
    return Promise.resolve();
  }

  ringing(): void {}

  accept(): Promise<void> {
    if (this.ended) return Promise.reject(new Error('caller gone'));
    this.confirmed = true;
    this.player = new AudioPlayer(pcmSource(loadAudioAsset('pstn-speech-ja'), { loop: true, gapFrames: 50 }), (frame) => {
      for (const l of this.listeners) l(frame);
    });
    this.player.start();
    this.hangUpTimer = setTimeout(() => {
      if (this.ended) return;
      this.terminate();
      this.owner.onLegEnded(this, 'bye');
    }, this.maxDurationMs);
    this.hangUpTimer.unref();
    this.pressKeys(this.keys, FIRST_KEY_DELAY_MS);
    return Promise.resolve();
  }

  /** In-process DTMF to whoever owns the caller now (the IVR stage while its menu runs). */
  private pressKeys(keys: string, delayMs: number): void {
    const [key] = keys;
    if (key === undefined || this.ended) return;
    this.keyTimer = setTimeout(() => {
      this.keyTimer = undefined;
      if (this.ended) return;
      this.owner.onLegDtmf?.(this, key, KEY_DURATION_MS);
      this.pressKeys(keys.slice(1), KEY_INTERVAL_MS);
    }, delayMs);
    this.keyTimer.unref();
  }

  rebind(listener: LegEndListener): void {
    this.owner = listener;
  }

  hangUp(): void {
    this.terminate();
  }

  terminate(): void {
    if (this.ended) return;
    this.ended = true;
    this.player?.stop();
    if (this.hangUpTimer) clearTimeout(this.hangUpTimer);
    if (this.keyTimer) clearTimeout(this.keyTimer);
    this.listeners.clear();
    this.resolveFinished();
  }
}
