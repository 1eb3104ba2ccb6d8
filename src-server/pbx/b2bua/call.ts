/**
 * One call through the B2BUA: the caller's leg, a leg per device that rings, and once somebody
 * answers, an audio bridge between the caller and the winner (DESIGN.md §3: media is anchored).
 *
 *   ringing ──first 2xx──▶ connecting ──caller ACK──▶ established ──BYE / transport──▶ ended
 *      └──── CANCEL, all failed, no answer, errors ──────────────────────────────────▶ ended
 *
 * A call is finished when every leg has released its dialog, transactions and media.
 */
import { randomUUID } from 'node:crypto';
import { type CalleeLegListener } from './callee-leg.js';
import { type CalleeSide } from './callee-side.js';
import { type CallerLegListener } from './caller-leg.js';
import { type CallerSide } from './caller-side.js';
import { unansweredOutcome, type CallEnding } from './call-record.js';
import { COMPLETED_ELSEWHERE, finalStatusForFailures } from './final-status.js';
import { type LegEndCause } from './leg.js';
import { describeError, runDetached, type PbxLogger } from '../logger.js';
import { AudioBridge } from '../media/audio-bridge.js';
import { type SipConnection } from '../transport/sip-connection.js';

export type CallState = 'ringing' | 'connecting' | 'established' | 'ended';

/** Milliseconds from the caller's INVITE (performance.now based), for logs and measurements. */
export interface CallTimeline {
  ringingMs?: number;
  answeredMs?: number;
  establishedMs?: number;
  endedMs?: number;
}

export interface CallLegFactory {
  caller(listener: CallerLegListener): CallerSide;
  callees(listener: CalleeLegListener): CalleeSide[];
}

export interface CallOptions {
  legs: CallLegFactory;
  noAnswerTimeoutMs: number;
  logger: PbxLogger;
  /** a short description for logs (no secrets): who called what */
  summary: Readonly<Record<string, unknown>>;
  onFinished: (call: Call) => void;
  /** told once, when the call ends (for the call log); must not throw */
  onEnded?: (ending: CallEnding) => void;
}

export class Call implements CallerLegListener, CalleeLegListener {
  readonly id = randomUUID();
  private state: CallState = 'ringing';
  private readonly caller: CallerSide;
  private readonly callees: CalleeSide[];
  private winner: CalleeSide | undefined;
  private bridge: AudioBridge | undefined;
  private noAnswerTimer: NodeJS.Timeout | undefined;
  private readonly failures: number[] = [];
  private readonly startedAt = performance.now();
  /** wall clock for the call log (the timeline above is monotonic, for measurements) */
  private readonly startedAtEpochMs = Date.now();
  private answeredAtEpochMs: number | undefined;
  readonly timeline: CallTimeline = {};
  readonly finished: Promise<void>;

  constructor(private readonly options: CallOptions) {
    this.caller = options.legs.caller(this);
    this.callees = options.legs.callees(this);
    this.finished = Promise.all([this.caller, ...this.callees].map((leg) => leg.finished)).then(() => undefined);
  }

  get currentState(): CallState {
    return this.state;
  }

  /** the connection the call came in on (undefined for an in-process caller) */
  get callerConnection(): SipConnection | undefined {
    return this.caller.connection;
  }

  /** legs that still hold something (a dialog, a transaction or a peer connection) */
  get liveLegCount(): number {
    return [this.caller, ...this.callees].filter((leg) => !leg.isDisposed).length;
  }

  start(): void {
    runDetached(this.finished.then(() => this.options.onFinished(this)), this.options.logger, 'call cleanup');
    this.caller.prepareAnswer().catch((error: unknown) => {
      if (this.state === 'ended') return;
      this.options.logger.info('caller offer not acceptable', { call: this.id, error: describeError(error) });
      this.end(488);
    });
    this.noAnswerTimer = setTimeout(() => {
      if (this.state !== 'ringing') return;
      this.options.logger.info('no answer', { call: this.id });
      this.end(480);
    }, this.options.noAnswerTimeoutMs);
    this.noAnswerTimer.unref();
    for (const callee of this.callees) runDetached(callee.start(), this.options.logger, 'callee leg start');
    if (this.callees.length === 0) this.end(480);
  }

  /**
   * End the call from outside (server shutdown) and release everything: a caller not yet answered
   * gets `status`, answered parties get BYE, ringing devices CANCEL. Settles when all legs let go.
   */
  dispose(status = 503): Promise<void> {
    this.end(status);
    return this.finished;
  }

  // ---- caller leg events

  onCallerCancelled(): void {
    if (this.state === 'ringing' || this.state === 'connecting') this.end(487);
  }

  onLegEnded(leg: object, cause: LegEndCause): void {
    if (this.state === 'ended') return;
    if (leg !== this.caller && leg !== this.winner) return; // a loser winding down
    this.options.logger.info('call ended by a leg', { call: this.id, side: leg === this.caller ? 'caller' : 'callee', cause });
    // RFC 3261 §15.1.2: a BYE in the caller's early dialog ends its INVITE with 487; the status
    // only matters when the INVITE has no final response yet.
    this.end(leg === this.caller && cause === 'bye' ? 487 : 480);
  }

  // ---- callee leg events

  onCalleeRinging(): void {
    if (this.state !== 'ringing' || this.timeline.ringingMs !== undefined) return;
    this.timeline.ringingMs = this.elapsed();
    this.caller.ringing();
  }

  onCalleeAnswered(leg: CalleeSide, answerSdp: string): void {
    if (this.state !== 'ringing') {
      leg.terminate(COMPLETED_ELSEWHERE);
      return;
    }
    this.state = 'connecting';
    this.winner = leg;
    this.timeline.answeredMs = this.elapsed();
    this.answeredAtEpochMs = Date.now();
    this.clearNoAnswer();
    for (const other of this.callees) if (other !== leg) other.terminate(COMPLETED_ELSEWHERE);
    runDetached(this.connect(leg, answerSdp), this.options.logger, 'connecting the call');
  }

  onCalleeFailed(_leg: CalleeSide, status: number): void {
    this.failures.push(status);
    if (this.state !== 'ringing') return;
    if (this.callees.some((callee) => callee.isPending)) return;
    this.end(finalStatusForFailures(this.failures));
  }

  // ----

  private async connect(leg: CalleeSide, answerSdp: string): Promise<void> {
    // The caller's answer is ready: its 200 OK goes out while the callee's answer is applied,
    // and audio is bridged without waiting for the caller's ACK (RFC 3261 §13.3.1.4: a UAS may
    // send media once its 2xx is sent).
    const acked = this.caller.accept();
    try {
      await Promise.all([
        leg.connectMedia(answerSdp).then(() => {
          if (this.state === 'connecting') this.bridge = new AudioBridge(this.caller.media, leg.media);
        }),
        acked,
      ]);
    } catch (error) {
      if (this.state === 'connecting') {
        this.options.logger.info('call could not be connected', { call: this.id, error: describeError(error) });
        this.end(500);
      }
      return;
    }
    if (this.state !== 'connecting') return;
    this.state = 'established';
    this.timeline.establishedMs = this.elapsed();
    this.options.logger.info('call established', { call: this.id, ...this.options.summary, ...this.timeline });
  }

  /** Idempotent. `callerStatus` is the final response for a caller we never answered. */
  private end(callerStatus: number): void {
    if (this.state === 'ended') return;
    // The caller's ACK may come with its BYE before the media is bridged: it had the call all the same.
    const answered = this.state === 'established' || (this.state === 'connecting' && this.caller.isConfirmed);
    this.state = 'ended';
    this.timeline.endedMs = this.elapsed();
    this.clearNoAnswer();
    this.bridge?.dispose();
    this.bridge = undefined;
    this.caller.terminate(callerStatus);
    for (const callee of this.callees) callee.terminate();
    this.reportEnded(answered, callerStatus);
  }

  private reportEnded(answered: boolean, callerStatus: number): void {
    const times = { callId: this.id, startedAt: this.startedAtEpochMs, endedAt: Date.now() };
    const ending: CallEnding = answered
      ? { ...times, answeredAt: this.answeredAtEpochMs, outcome: 'answered', answeredBySipUser: this.winner?.answererSipUser }
      : { ...times, outcome: unansweredOutcome(callerStatus), finalStatus: callerStatus };
    try {
      this.options.onEnded?.(ending);
    } catch (error) {
      this.options.logger.error('call-ended listener failed', { call: this.id, error: describeError(error) });
    }
  }

  private clearNoAnswer(): void {
    if (this.noAnswerTimer) clearTimeout(this.noAnswerTimer);
    this.noAnswerTimer = undefined;
  }

  private elapsed(): number {
    return Math.round((performance.now() - this.startedAt) * 10) / 10;
  }
}
