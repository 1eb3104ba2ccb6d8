/**
 * Pickup: the picker's own INVITE (its CallerLeg) as the callee that answers a ringing Call
 * (`call.answerBy(side)`). It "answers" as soon as the picker's offer is answered; connecting the
 * media is the 200 OK to the picker and its ACK. If the call was answered elsewhere first, the
 * picker's INVITE gets 480.
 */
import { type CalleeLegListener } from './callee-leg.js';
import { type CalleeSide } from './callee-side.js';
import { type CallerLeg, type CallerLegListener } from './caller-leg.js';
import { type CallerSide } from './caller-side.js';
import { type LegEndCause } from './leg.js';
import { type PartyIdentity } from './party.js';
import { PartyWrapper } from './party-wrapper.js';

export class CallerAsCallee extends PartyWrapper implements CalleeSide, CallerLegListener {
  readonly wrapped: CallerLeg;
  private state: 'idle' | 'answered' | 'accepted' | 'ended' = 'idle';

  /**
   * `leg` builds the picker's CallerLeg with the listener it is given (FeatureInvite.callerLeg);
   * `connectedTo` is the caller the picker will talk to (told in its 200 OK).
   */
  constructor(
    leg: (listener: CallerLegListener) => CallerLeg,
    listener: CalleeLegListener,
    private readonly connectedTo?: PartyIdentity,
  ) {
    super(listener);
    this.wrapped = leg(this);
  }

  get isPending(): boolean {
    return this.state === 'idle';
  }

  get answererSipUser(): string | undefined {
    return this.wrapped.identity.sipUser;
  }

  async start(): Promise<void> {
    try {
      await this.wrapped.prepareAnswer();
    } catch {
      if (this.state !== 'idle') return; // the picker's offer was not usable
      this.state = 'ended';
      this.wrapped.terminate(488);
      this.listener.onCalleeFailed?.(this, 488);
      return;
    }
    if (this.state !== 'idle') return;
    this.state = 'answered';
    this.listener.onCalleeAnswered?.(this, '');
  }

  /** The picker's 200 OK; settles on its ACK. */
  async connectMedia(): Promise<void> {
    await this.wrapped.accept(this.connectedTo);
    if (this.state === 'answered') this.state = 'accepted';
  }

  terminate(reason?: string): void {
    if (this.state === 'ended') return;
    const wasAccepted = this.state === 'accepted';
    this.state = 'ended';
    if (wasAccepted) this.wrapped.hangUp(reason);
    else this.wrapped.terminate(480);
  }

  // ---- Party

  override hangUp(reason?: string): void {
    this.terminate(reason);
  }

  // ---- what the picker's leg reports, as this callee's

  onCallerCancelled(_leg: CallerSide): void {
    if (this.state === 'ended') return;
    const wasIdle = this.state === 'idle';
    this.state = 'ended';
    this.wrapped.terminate(487);
    if (wasIdle) this.listener.onCalleeFailed?.(this, 487);
    else this.listener.onLegEnded(this, 'bye');
  }

  override onLegEnded(_leg: object, cause: LegEndCause): void {
    this.listener.onLegEnded(this, cause);
  }
}
