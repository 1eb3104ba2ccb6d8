/**
 * A Party (already answered elsewhere) as the answered callee of a new Call: the parked party a
 * slot code retrieves, the party an attended transfer joins. It "answers" at once; there is no
 * SDP to apply. Hanging it up hangs up the wrapped party.
 */
import { type CalleeLegListener } from './callee-leg.js';
import { type CalleeSide } from './callee-side.js';
import { type LegEndCause, type LegEndListener } from './leg.js';
import { type Party, type PartyIdentity } from './party.js';
import { type SipRequest } from '../sip/message.js';
import { type ServerTransaction } from '../transaction/server-transactions.js';

export class PartyAsCallee implements CalleeSide, LegEndListener {
  private state: 'idle' | 'answered' | 'ended' = 'idle';

  constructor(
    readonly wrapped: Party,
    private listener: LegEndListener & Partial<Pick<CalleeLegListener, 'onCalleeAnswered' | 'onCalleeFailed'>>,
  ) {
    wrapped.rebind(this);
  }

  get media() {
    return this.wrapped.media;
  }

  get finished(): Promise<void> {
    return this.wrapped.finished;
  }

  get isDisposed(): boolean {
    return this.wrapped.isDisposed;
  }

  get identity(): PartyIdentity {
    return this.wrapped.identity;
  }

  get isPending(): boolean {
    return this.state === 'idle';
  }

  get answererSipUser(): string | undefined {
    return this.wrapped.identity.sipUser;
  }

  start(): Promise<void> {
    // answered at once, but after the Call has finished constructing (it reads its callees)
    queueMicrotask(() => {
      if (this.state !== 'idle') return;
      if (this.wrapped.isDisposed) {
        this.state = 'ended';
        this.listener.onCalleeFailed?.(this, 480);
        return;
      }
      this.state = 'answered';
      this.listener.onCalleeAnswered?.(this, '');
    });
    return Promise.resolve();
  }

  connectMedia(): Promise<void> {
    return Promise.resolve();
  }

  terminate(reason?: string): void {
    if (this.state === 'ended') return;
    this.state = 'ended';
    this.wrapped.hangUp(reason);
  }

  // ---- Party

  rebind(listener: LegEndListener): void {
    this.listener = listener;
  }

  hangUp(reason?: string): void {
    this.terminate(reason);
  }

  get sendInDialog(): Party['sendInDialog'] {
    return this.wrapped.sendInDialog?.bind(this.wrapped);
  }

  // ---- what the wrapped party reports, as this callee's

  onLegEnded(_leg: object, cause: LegEndCause): void {
    if (this.state === 'idle') {
      this.state = 'ended';
      this.wrapped.hangUp();
      this.listener.onCalleeFailed?.(this, 480);
      return;
    }
    this.listener.onLegEnded(this, cause);
  }

  onLegHoldChanged(_leg: object, held: boolean): void {
    this.listener.onLegHoldChanged?.(this, held);
  }

  onLegRefer(_leg: object, request: SipRequest, tx: ServerTransaction): void {
    if (this.listener.onLegRefer) this.listener.onLegRefer(this, request, tx);
    else tx.respond({ status: 603 });
  }

  onLegDtmf(_leg: object, digit: string, durationMs: number): void {
    this.listener.onLegDtmf?.(this, digit, durationMs);
  }
}
