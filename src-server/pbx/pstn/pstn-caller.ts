/**
 * The PSTN simulator's inbound caller: an in-process party that calls a tenant's number (admin
 * API, `npm run server -- call`). Once answered it speaks (the bundled speech, looped) until the
 * callee hangs up, or hangs up itself after `maxDurationMs`.
 */
import { type CallerLegListener } from '../b2bua/caller-leg.js';
import { type CallerSide } from '../b2bua/caller-side.js';
import { type AudioPort } from '../media/audio-port.js';
import { AudioPlayer, pcmSource } from '../media/audio-player.js';
import { loadAudioAsset } from '../media/wav-asset.js';
import { type AudioFrame } from '../media/wrtc.js';

export class PstnCaller implements CallerSide {
  readonly connection = undefined;
  readonly media: AudioPort;
  private confirmed = false;
  private ended = false;
  private player: AudioPlayer | undefined;
  private hangUpTimer: NodeJS.Timeout | undefined;
  private readonly listeners = new Set<(frame: AudioFrame) => void>();
  private resolveFinished: () => void = () => undefined;
  readonly finished = new Promise<void>((resolve) => (this.resolveFinished = resolve));

  constructor(
    private readonly listener: CallerLegListener,
    private readonly maxDurationMs = 10 * 60_000,
  ) {
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
      this.listener.onLegEnded(this, 'bye');
    }, this.maxDurationMs);
    this.hangUpTimer.unref();
    return Promise.resolve();
  }

  terminate(): void {
    if (this.ended) return;
    this.ended = true;
    this.player?.stop();
    if (this.hangUpTimer) clearTimeout(this.hangUpTimer);
    this.listeners.clear();
    this.resolveFinished();
  }
}
