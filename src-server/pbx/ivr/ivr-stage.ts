/**
 * The voice menu in front of a call to a company number that has one (自動音声応答). The stage
 * answers the caller itself at once (a device's INVITE gets 200 OK, the simulator's caller is
 * accepted), plays the prompt, and collects keys: SIP INFO DTMF from a device (the leg's
 * `onLegDtmf`) or the simulator caller's in-process keys. When the keys name an option — or the
 * caller chose nothing usable and the menu falls back to the number's ring set — it hands the
 * answered caller over (`onChoice`); the B2BUA then starts the normal Call with it wrapped as a
 * PartyAsCaller, whose `accept()` is a no-op and who hears ringback while the ring set rings.
 *
 *   answering ──200/ACK──▶ menu ──option / fallback──▶ handedOver
 *       └───── CANCEL, BYE, transport loss, hang-up choice, dispose ───────▶ ended
 *
 * RFC 4733 telephone-events are not collected: the media leg (@roamhq/wrtc) does not report them.
 */
import { type CallerLegListener } from '../b2bua/caller-leg.js';
import { type CallerSide } from '../b2bua/caller-side.js';
import { type LegEndCause } from '../b2bua/leg.js';
import { describeError, runDetached, type PbxLogger } from '../logger.js';
import { AudioPlayer, pcmSource } from '../media/audio-player.js';
import { loadAudioAsset } from '../media/wav-asset.js';
import { type SipRequest } from '../sip/message.js';
import { type ServerTransaction } from '../transaction/server-transactions.js';
import { matchIvrDigits, type IvrMenu, type IvrMenuOption } from './ivr-menu.js';
import { findIvrPrompt } from './ivr-prompts.js';

export type IvrStageState = 'answering' | 'menu' | 'handedOver' | 'ended';

/** What the caller chose: an option (its keys go to the ringing devices), or nothing usable. */
export type IvrChoice = { kind: 'option'; digits: string; option: IvrMenuOption } | { kind: 'noChoice' };

/** Why a caller left the menu without being handed over, with the status a call log would show. */
export type IvrAbandon =
  /** the caller hung up or cancelled during the menu */
  | { reason: 'callerLeft'; status: 487 }
  /** the menu ends the call after the last prompt without a choice (onNoChoice 'hangUp') */
  | { reason: 'noChoice'; status: 480 }
  /** the caller could not be answered (unusable offer, no ACK), or the PBX is closing */
  | { reason: 'failed'; status: number };

export interface IvrStageOptions {
  menu: IvrMenu;
  /** builds the caller's side (a device's CallerLeg, the simulator's PstnCaller) reporting to the stage */
  caller: (listener: CallerLegListener) => CallerSide;
  logger: PbxLogger;
  /** the caller is answered and chose: start the Call with `caller` (the stage lets go of it) */
  onChoice(choice: IvrChoice, caller: CallerSide): void;
  /** the stage ended without handing the caller over (told once) */
  onAbandoned(abandon: IvrAbandon): void;
  /** the prompt's audio (48 kHz mono); default: the menu's bundled prompt */
  promptPcm?: Int16Array;
}

/** Keys kept at most while collecting: longer than any option can be (rules allow 4). */
const MAX_COLLECTED = 8;

export class IvrStage implements CallerLegListener {
  readonly caller: CallerSide;
  private state: IvrStageState = 'answering';
  private digits = '';
  private plays = 0;
  private player: AudioPlayer | undefined;
  private keyTimer: NodeJS.Timeout | undefined;
  private readonly prompt: Int16Array;

  constructor(private readonly options: IvrStageOptions) {
    this.prompt = options.promptPcm ?? loadPrompt(options.menu.prompt, options.logger);
    this.caller = options.caller(this);
  }

  get currentState(): IvrStageState {
    return this.state;
  }

  /** Answer the caller, then play the prompt. */
  start(): void {
    runDetached(this.answer(), this.options.logger, 'IVR answer');
  }

  /** End the stage (server closing): a caller not yet answered gets `status`, else BYE. */
  dispose(status = 503): Promise<void> {
    if (this.state === 'handedOver') return Promise.resolve();
    this.end({ reason: 'failed', status });
    return this.caller.finished;
  }

  // ---- what the caller's side reports while the stage owns it

  onCallerCancelled(): void {
    this.end({ reason: 'callerLeft', status: 487 });
  }

  onLegEnded(_leg: object, cause: LegEndCause): void {
    this.options.logger.info('caller left the IVR menu', { cause, digits: this.digits });
    this.end({ reason: 'callerLeft', status: 487 });
  }

  onLegRefer(_leg: object, _request: SipRequest, tx: ServerTransaction): void {
    tx.respond({ status: 403, reason: 'Call Not Established' }); // nobody to transfer yet
  }

  onLegDtmf(_leg: object, digit: string): void {
    if (this.state !== 'menu') return;
    this.stopPrompt(); // barge-in: a key stops the prompt
    this.clearKeyTimer();
    this.digits = (this.digits + digit).slice(-MAX_COLLECTED);
    const match = matchIvrDigits(this.options.menu, this.digits);
    if (match.kind === 'chosen') this.handOver({ kind: 'option', digits: this.digits, option: match.option });
    else if (match.kind === 'more') this.armKeyTimer();
    else this.attemptFailed('invalid');
  }

  // ----

  private async answer(): Promise<void> {
    try {
      await this.caller.prepareAnswer();
      if (this.state !== 'answering') return;
      await this.caller.accept();
    } catch (error) {
      if (this.state !== 'answering') return;
      this.options.logger.info('IVR could not answer the caller', { error: describeError(error) });
      this.end({ reason: 'failed', status: 488 });
      return;
    }
    if (this.state !== 'answering') return;
    this.state = 'menu';
    this.playPrompt();
  }

  private playPrompt(): void {
    this.plays++;
    this.digits = '';
    this.player = new AudioPlayer(
      pcmSource(this.prompt, { loop: false }),
      (frame) => this.caller.media.pushAudio(frame),
      () => {
        this.player = undefined;
        if (this.state === 'menu') this.armKeyTimer();
      },
    );
    this.player.start();
  }

  /** No (further) key within the menu's time, counted from the end of the prompt or the last key. */
  private armKeyTimer(): void {
    this.clearKeyTimer();
    if (this.player) return; // the prompt still plays: its end arms the timer
    this.keyTimer = setTimeout(() => this.attemptFailed('timeout'), this.options.menu.timeoutSeconds * 1000);
    this.keyTimer.unref();
  }

  private attemptFailed(why: 'timeout' | 'invalid'): void {
    if (this.state !== 'menu') return;
    this.options.logger.info('IVR: no usable choice', { why, digits: this.digits, plays: this.plays });
    this.stopPrompt();
    this.clearKeyTimer();
    if (this.plays <= this.options.menu.repeats) {
      this.playPrompt();
      return;
    }
    if (this.options.menu.onNoChoice === 'ringSet') this.handOver({ kind: 'noChoice' });
    else this.end({ reason: 'noChoice', status: 480 });
  }

  private handOver(choice: IvrChoice): void {
    this.stopPrompt();
    this.clearKeyTimer();
    this.state = 'handedOver';
    this.options.logger.info('IVR choice', choice.kind === 'option' ? { digits: choice.digits } : { choice: 'none' });
    this.options.onChoice(choice, this.caller);
  }

  private end(abandon: IvrAbandon): void {
    if (this.state === 'ended' || this.state === 'handedOver') return;
    this.state = 'ended';
    this.stopPrompt();
    this.clearKeyTimer();
    this.caller.terminate(abandon.status); // a final response, or BYE once answered
    this.options.onAbandoned(abandon);
  }

  private stopPrompt(): void {
    this.player?.stop();
    this.player = undefined;
  }

  private clearKeyTimer(): void {
    if (this.keyTimer) clearTimeout(this.keyTimer);
    this.keyTimer = undefined;
  }
}

/** The bundled prompt; silence (the menu still works by keys) if it is unknown or unreadable. */
function loadPrompt(name: string, logger: PbxLogger): Int16Array {
  try {
    const prompt = findIvrPrompt(name);
    if (!prompt) throw new Error(`unknown IVR prompt ${name}`);
    return loadAudioAsset(prompt.asset);
  } catch (error) {
    logger.error('IVR prompt not available', { prompt: name, error: describeError(error) });
    return new Int16Array(0);
  }
}
