/**
 * What the adapters that put an answered Party into a new Call (PartyAsCaller, PartyAsCallee,
 * CallerAsCallee) share: the wrapped party's media, identity and dialog stand for the adapter's,
 * and hold, REFER and DTMF it reports reach the adapter's listener as the adapter's own.
 * `wrapped` is abstract so a subclass may build it from `this` (CallerAsCallee does).
 */
import { type CalleeLegListener } from './callee-leg.js';
import { type CallerLegListener } from './caller-leg.js';
import { type LegEndCause, type LegEndListener } from './leg.js';
import { type Party, type PartyIdentity } from './party.js';
import { type SipRequest } from '../sip/message.js';
import { type ServerTransaction } from '../transaction/server-transactions.js';

export type WrapperListener = LegEndListener & Partial<CalleeLegListener> & Partial<Pick<CallerLegListener, 'onCallerCancelled'>>;

export abstract class PartyWrapper implements Party, LegEndListener {
  abstract readonly wrapped: Party;

  constructor(protected listener: WrapperListener) {}

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

  get sendInDialog(): Party['sendInDialog'] {
    return this.wrapped.sendInDialog?.bind(this.wrapped);
  }

  rebind(listener: LegEndListener): void {
    this.listener = listener;
  }

  abstract hangUp(reason?: string): void;

  // ---- what the wrapped party reports, as the adapter's

  abstract onLegEnded(leg: object, cause: LegEndCause): void;

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
