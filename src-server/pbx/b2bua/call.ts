/**
 * One call through the B2BUA: the caller's leg, a leg per device that rings, and once somebody
 * answers, an audio bridge between the caller and the winner (DESIGN.md §3: media is anchored).
 *
 *   ringing ──first 2xx──▶ connecting ──caller ACK──▶ established ──BYE / transport──▶ ended
 *      └──── CANCEL, all failed, no answer, errors ──────────────────────────────────▶ ended
 *
 * A call is finished when every leg has released its dialog, transactions and media. An
 * established call can also be `detach`ed: it ends without hanging up its two parties, which a
 * feature (park, transfer) moves into other owners (DESIGN.md; docs/ARCHITECTURE.md re-wiring).
 * While established, a party's hold swaps the bridge for music on hold (PartyLink), its REFER
 * goes to the B2BUA's refer handlers, and its DTMF to the other side if that side listens.
 */
import { randomUUID } from 'node:crypto';
import { CallLineStates } from './call-line-states.js';
import { type CalleeLegListener, type CalleePresentation } from './callee-leg.js';
import { type CalleeSide } from './callee-side.js';
import { type CallerLegListener } from './caller-leg.js';
import { type CallerSide } from './caller-side.js';
import { unansweredOutcome, type CallEnding } from './call-record.js';
import { COMPLETED_ELSEWHERE, finalStatusForFailures } from './final-status.js';
import { type LegEndCause } from './leg.js';
import { innermostParty, type Party } from './party.js';
import { PartyLink } from './party-link.js';
import { nullLineStateSink, type LineStateSink } from '../dialog-event/line-state-sink.js';
import { describeError, runDetached, type PbxLogger } from '../logger.js';
import { type SipRequest } from '../sip/message.js';
import { type ServerTransaction } from '../transaction/server-transactions.js';
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
  /** the call no longer needs the B2BUA: every leg let go, or it was detached (losers let go) */
  onFinished: (call: Call) => void;
  /** told once, when the call ends or is detached (for the call log); must not throw */
  onEnded?: (ending: CallEnding, call: Call) => void;
  /** who calls whom, for line states (ringing with whom, busy with whom) */
  presentation?: CalleePresentation;
  lineStates?: LineStateSink;
  /** an in-dialog REFER from one of the two connected parties; absent = 603 */
  onRefer?: (refer: CallRefer) => void;
}

/** A REFER inside an established call: the handler answers `tx` (202 / an error). */
export interface CallRefer {
  call: Call;
  /** the party that sent the REFER (innermost: the same object detach() returns) */
  referrer: Party;
  /** the party it is talking to (innermost) */
  other: Party;
  request: SipRequest;
  tx: ServerTransaction;
}

export class Call implements CallerLegListener, CalleeLegListener {
  readonly id = randomUUID();
  private state: CallState = 'ringing';
  private readonly caller: CallerSide;
  private readonly callees: CalleeSide[];
  private winner: CalleeSide | undefined;
  private link: PartyLink | undefined;
  /** parties whose last offer held the call (a hold may come before the link exists) */
  private readonly holders = new Set<Party>();
  private detached = false;
  private resolveReleased: () => void = () => undefined;
  /**
   * Settles when no party of this call is in use any more: at its end, or for a detached call
   * when the parties it passed on have let go (an outside call's channels are held until then).
   */
  readonly released = new Promise<void>((resolve) => (this.resolveReleased = resolve));
  private resolveDetached: () => void = () => undefined;
  private readonly detachedSignal = new Promise<void>((resolve) => (this.resolveDetached = resolve));
  private readonly lines: CallLineStates;
  /** REFERs that came while the answer was still being connected (a fast client) */
  private readonly refersWhileConnecting: Array<() => void> = [];
  private noAnswerTimer: NodeJS.Timeout | undefined;
  private readonly failures: number[] = [];
  private readonly startedAt = performance.now();
  /** wall clock for the call log (the timeline above is monotonic, for measurements) */
  private readonly startedAtEpochMs = Date.now();
  private answeredAtEpochMs: number | undefined;
  readonly timeline: CallTimeline = {};
  readonly finished: Promise<void>;

  constructor(private readonly options: CallOptions) {
    this.lines = new CallLineStates(options.lineStates ?? nullLineStateSink, this.id, options.logger);
    this.caller = options.legs.caller(this);
    this.callees = options.legs.callees(this);
    this.finished = this.allLegsFinished();
  }

  /** Every leg, also callees added later (pickup), has let go. */
  private async allLegsFinished(): Promise<void> {
    for (;;) {
      const legs = [this.caller, ...this.callees];
      await Promise.all(legs.map((leg) => leg.finished));
      if (legs.length === 1 + this.callees.length) return;
    }
  }

  get isDetached(): boolean {
    return this.detached;
  }

  /** SIP users of the devices still ringing (pickup looks for them). */
  get ringingSipUsers(): string[] {
    if (this.state !== 'ringing') return [];
    return [...new Set(this.callees.filter((c) => c.isPending && c.answererSipUser).map((c) => c.answererSipUser!))];
  }

  /** the party that called */
  get callerParty(): Party {
    return this.caller;
  }

  /** the callee that answered (attended transfer finds the call of a dialog by it) */
  get answeredParty(): Party | undefined {
    return this.winner;
  }

  get presentation(): CalleePresentation | undefined {
    return this.options.presentation;
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
    const cleanup = Promise.race([this.finished, this.detachedSignal.then(() => this.losersFinished())]);
    runDetached(cleanup.then(() => this.options.onFinished(this)), this.options.logger, 'call cleanup');
    const p = this.options.presentation;
    if (p) {
      this.lines.callerBusy(this.caller.identity, { number: p.calledNumber, displayName: p.calledLabel });
      for (const callee of this.callees) if (callee.isPending) this.lines.ringing(callee.answererSipUser, { number: p.callerNumber, displayName: p.callerDisplayName });
    }
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

  /**
   * End an established call without hanging up its parties: the bridge goes, the call is logged
   * (answered), and the two parties are returned for a feature to rebind at once (until then
   * their BYE would reach this ended call and be ignored). Undefined unless established.
   */
  detach(): { caller: Party; callee: Party } | undefined {
    const winner = this.winner;
    if (this.state !== 'established' || !winner) return undefined;
    this.state = 'ended';
    this.detached = true;
    this.timeline.endedMs = this.elapsed();
    this.clearNoAnswer();
    this.link?.dispose();
    this.link = undefined;
    this.lines.releaseAll();
    this.options.logger.info('call detached', { call: this.id });
    this.reportEnded(true, 200);
    const parties = { caller: innermostParty(this.caller), callee: innermostParty(winner) };
    this.resolveDetached();
    runDetached(
      Promise.all([parties.caller.finished, parties.callee.finished]).then(() => this.resolveReleased()),
      this.options.logger,
      'detached parties',
    );
    return parties;
  }

  /**
   * Pickup: `side` (built with this call as its listener, answering at once) wins the ringing
   * call; every device still ringing is cancelled as answered elsewhere. False when the call no
   * longer rings (then nothing was done with `side`).
   */
  answerBy(side: CalleeSide): boolean {
    if (this.state !== 'ringing') return false;
    this.callees.push(side);
    runDetached(side.start(), this.options.logger, 'pickup side start');
    return true;
  }

  // ---- caller leg events

  onCallerCancelled(): void {
    if (this.state === 'ringing' || this.state === 'connecting') this.end(487);
  }

  onLegHoldChanged(leg: object, held: boolean): void {
    if (this.state === 'ended' || (leg !== this.caller && leg !== this.winner)) return;
    const party = leg as Party;
    if (held) this.holders.add(party);
    else this.holders.delete(party);
    this.options.logger.info(held ? 'call held' : 'call resumed', { call: this.id, side: leg === this.caller ? 'caller' : 'callee' });
    this.link?.setHeld(party, held);
  }

  onLegRefer(leg: object, request: SipRequest, tx: ServerTransaction): void {
    if (this.state === 'connecting' && (leg === this.caller || leg === this.winner)) {
      this.refersWhileConnecting.push(() => this.onLegRefer(leg, request, tx));
      return;
    }
    const winner = this.winner;
    if (this.state !== 'established' || !winner || (leg !== this.caller && leg !== winner)) {
      tx.respond({ status: 403, reason: 'Call Not Established' });
      return;
    }
    if (!this.options.onRefer) {
      tx.respond({ status: 603 });
      return;
    }
    // the parties themselves (not the adapters of this call): what detach() returns too
    const referrer = innermostParty(leg === this.caller ? this.caller : winner);
    const other = innermostParty(leg === this.caller ? winner : this.caller);
    this.options.onRefer({ call: this, referrer, other, request, tx });
  }

  onLegDtmf(leg: object, digit: string, durationMs: number): void {
    if (this.state === 'ended') return;
    if (leg === this.caller) this.winner?.receiveDtmf?.(digit, durationMs);
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
    this.lines.answered(leg.identity, this.caller.identity, this.callees.filter((c) => c !== leg).map((c) => c.answererSipUser ?? ''));
    this.timeline.answeredMs = this.elapsed();
    this.answeredAtEpochMs = Date.now();
    this.clearNoAnswer();
    for (const other of this.callees) if (other !== leg) other.terminate(COMPLETED_ELSEWHERE);
    runDetached(this.connect(leg, answerSdp), this.options.logger, 'connecting the call');
  }

  onCalleeFailed(leg: CalleeSide, status: number): void {
    this.failures.push(status);
    const sipUser = leg.answererSipUser;
    if (sipUser && this.winner?.answererSipUser !== sipUser && !this.callees.some((c) => c.isPending && c.answererSipUser === sipUser)) {
      this.lines.release(sipUser);
    }
    if (this.state !== 'ringing') return;
    if (this.callees.some((callee) => callee.isPending)) return;
    this.end(finalStatusForFailures(this.failures));
  }

  // ----

  private async connect(leg: CalleeSide, answerSdp: string): Promise<void> {
    // The caller's answer is ready: its 200 OK goes out while the callee's answer is applied,
    // and audio is bridged without waiting for the caller's ACK (RFC 3261 §13.3.1.4: a UAS may
    // send media once its 2xx is sent).
    const acked = this.caller.accept(leg.identity);
    try {
      await Promise.all([
        leg.connectMedia(answerSdp).then(() => {
          if (this.state === 'connecting') this.link = new PartyLink(this.caller, leg, this.holders);
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
    for (const refer of this.refersWhileConnecting.splice(0)) refer();
  }

  /** Idempotent. `callerStatus` is the final response for a caller we never answered. */
  private end(callerStatus: number): void {
    if (this.state === 'ended') return;
    // The caller's ACK may come with its BYE before the media is bridged: it had the call all the same.
    const answered = this.state === 'established' || (this.state === 'connecting' && this.caller.isConfirmed);
    this.state = 'ended';
    this.timeline.endedMs = this.elapsed();
    this.clearNoAnswer();
    this.link?.dispose();
    this.link = undefined;
    this.caller.terminate(callerStatus);
    for (const callee of this.callees) callee.terminate();
    this.lines.releaseAll();
    for (const refer of this.refersWhileConnecting.splice(0)) refer(); // answered 403 now
    this.reportEnded(answered, callerStatus);
    this.resolveReleased();
  }

  /** The callees that lost (cancelled devices winding down) after a detach. */
  private async losersFinished(): Promise<void> {
    await Promise.all(this.callees.filter((c) => c !== this.winner).map((c) => c.finished));
  }

  private reportEnded(answered: boolean, callerStatus: number): void {
    const times = { callId: this.id, startedAt: this.startedAtEpochMs, endedAt: Date.now() };
    const ending: CallEnding = answered
      ? { ...times, answeredAt: this.answeredAtEpochMs, outcome: 'answered', answeredBySipUser: this.winner?.answererSipUser }
      : { ...times, outcome: unansweredOutcome(callerStatus), finalStatus: callerStatus };
    try {
      this.options.onEnded?.(ending, this);
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
