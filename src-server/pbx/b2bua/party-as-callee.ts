/**
 * A Party (already answered elsewhere) as the answered callee of a new Call: the parked party a
 * slot code retrieves, the party an attended transfer joins. It "answers" at once; there is no
 * SDP to apply. Hanging it up hangs up the wrapped party.
 */
import { type CalleeLegListener } from './callee-leg.js';
import { type CalleeSide } from './callee-side.js';
import { type LegEndCause, type LegEndListener } from './leg.js';
import { type Party } from './party.js';
import { PartyWrapper } from './party-wrapper.js';

export class PartyAsCallee extends PartyWrapper implements CalleeSide {
  private state: 'idle' | 'answered' | 'ended' = 'idle';

  constructor(
    readonly wrapped: Party,
    listener: LegEndListener & Partial<Pick<CalleeLegListener, 'onCalleeAnswered' | 'onCalleeFailed'>>,
  ) {
    super(listener);
    wrapped.rebind(this);
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

  override hangUp(reason?: string): void {
    this.terminate(reason);
  }

  // ---- what the wrapped party reports, as this callee's

  override onLegEnded(_leg: object, cause: LegEndCause): void {
    if (this.state === 'idle') {
      this.state = 'ended';
      this.wrapped.hangUp();
      this.listener.onCalleeFailed?.(this, 480);
      return;
    }
    this.listener.onLegEnded(this, cause);
  }
}
