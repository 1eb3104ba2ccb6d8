/**
 * A Party (already answered elsewhere) as the caller of a new Call: a parked party recalling the
 * ID that parked it, a transferred party ringing the transfer target. There is nothing to answer:
 * `accept` resolves at once. While the new call rings the party hears ringback tone or music on
 * hold (the feature chooses). If the call is not answered, `onUnanswered` decides what becomes of
 * the party (back to a park slot, …); without it the party is hung up.
 */
import { type CallerLegListener } from './caller-leg.js';
import { type CallerSide } from './caller-side.js';
import { type LegEndCause, type LegEndListener } from './leg.js';
import { type Party } from './party.js';
import { PartyWrapper } from './party-wrapper.js';
import { AudioPlayer, type FrameSource } from '../media/audio-player.js';
import { musicOnHoldSource } from '../media/music-on-hold.js';
import { ringbackSource } from '../media/ringback.js';

export interface PartyAsCallerOptions {
  /** what the party hears while the new call rings; default ringback */
  whileRinging?: 'ringback' | 'musicOnHold';
  /**
   * The new call ended without an answer (status as a caller would get it). The party is still
   * the feature's: rebind it. Absent = hang the party up.
   */
  onUnanswered?: (party: Party, status: number) => void;
  /** the new call was answered: the party is in it now */
  onAccepted?: () => void;
}

export class PartyAsCaller extends PartyWrapper implements CallerSide {
  readonly connection = undefined;
  private confirmed = false;
  private ended = false;
  /** the party hung up (or its connection went) by itself */
  private partyGone = false;
  /** the call ended unanswered and the party went back to the feature (onUnanswered) */
  private handedBack = false;
  private resolveHandedBack: () => void = () => undefined;
  private readonly handedBackSignal = new Promise<void>((resolve) => (this.resolveHandedBack = resolve));
  private player: AudioPlayer | undefined;

  constructor(
    readonly wrapped: Party,
    listener: LegEndListener & Partial<Pick<CallerLegListener, 'onCallerCancelled'>>,
    private readonly options: PartyAsCallerOptions = {},
  ) {
    super(listener);
    wrapped.rebind(this);
    const source: FrameSource = options.whileRinging === 'musicOnHold' ? musicOnHoldSource() : ringbackSource();
    this.player = new AudioPlayer(source, (frame) => wrapped.media.pushAudio(frame));
    this.player.start();
  }

  /** the wrapped party let go, or was handed back (this call no longer has it) */
  override get finished(): Promise<void> {
    return Promise.race([this.wrapped.finished, this.handedBackSignal]);
  }

  override get isDisposed(): boolean {
    return this.handedBack || this.wrapped.isDisposed;
  }

  get isConfirmed(): boolean {
    return this.confirmed;
  }

  prepareAnswer(): Promise<void> {
    return Promise.resolve();
  }

  ringing(): void {}

  accept(): Promise<void> {
    if (this.ended || this.wrapped.isDisposed) return Promise.reject(new Error('party gone'));
    this.stopPlayer();
    this.confirmed = true;
    this.options.onAccepted?.();
    return Promise.resolve();
  }

  terminate(status: number): void {
    if (this.ended) return;
    this.ended = true;
    this.stopPlayer();
    if (!this.confirmed && !this.partyGone && this.options.onUnanswered && !this.wrapped.isDisposed) {
      this.handedBack = true;
      this.resolveHandedBack();
      this.options.onUnanswered(this.wrapped, status);
      return;
    }
    this.wrapped.hangUp();
  }

  // ---- Party

  override hangUp(reason?: string): void {
    this.ended = true;
    this.stopPlayer();
    this.wrapped.hangUp(reason);
  }

  // ---- what the wrapped party reports, as this caller's

  override onLegEnded(_leg: object, cause: LegEndCause): void {
    this.stopPlayer();
    this.partyGone = true;
    if (!this.confirmed && !this.ended && this.listener.onCallerCancelled) this.listener.onCallerCancelled(this);
    else this.listener.onLegEnded(this, cause);
  }

  private stopPlayer(): void {
    this.player?.stop();
    this.player = undefined;
  }
}
