/**
 * What one Call tells the LineStateSink: the caller's ID busy from the start, every rung ID
 * ringing, the answerer busy and the others released, everybody released when the call ends or
 * is detached. Remembers whom it told, so each ID of the call is released exactly once.
 */
import { type PartyIdentity } from './party.js';
import { type LineStateSink, type PartyOnLine } from '../dialog-event/line-state-sink.js';
import { describeError, type PbxLogger } from '../logger.js';

export class CallLineStates {
  private readonly told = new Set<string>();

  constructor(
    private readonly sink: LineStateSink,
    private readonly callId: string,
    private readonly logger: PbxLogger,
  ) {}

  callerBusy(caller: PartyIdentity, remote: PartyOnLine): void {
    if (caller.sipUser) this.tell(caller.sipUser, () => this.sink.busy(caller.sipUser!, this.callId, remote, 'initiator'));
  }

  ringing(sipUser: string | undefined, caller: PartyOnLine): void {
    if (sipUser && !this.told.has(sipUser)) this.tell(sipUser, () => this.sink.ringing(sipUser, this.callId, caller));
  }

  answered(answerer: PartyIdentity, caller: PartyIdentity, ringingSipUsers: Iterable<string>): void {
    for (const sipUser of ringingSipUsers) if (sipUser !== answerer.sipUser) this.release(sipUser);
    if (answerer.sipUser) this.tell(answerer.sipUser, () => this.sink.busy(answerer.sipUser!, this.callId, onLine(caller), 'recipient'));
    if (caller.sipUser) this.tell(caller.sipUser, () => this.sink.busy(caller.sipUser!, this.callId, onLine(answerer), 'initiator'));
  }

  release(sipUser: string | undefined): void {
    if (!sipUser || !this.told.delete(sipUser)) return;
    this.safely(() => this.sink.released(sipUser, this.callId));
  }

  releaseAll(): void {
    for (const sipUser of [...this.told]) this.release(sipUser);
  }

  private tell(sipUser: string, report: () => void): void {
    this.told.add(sipUser);
    this.safely(report);
  }

  private safely(report: () => void): void {
    try {
      report();
    } catch (error) {
      this.logger.error('line state sink failed', { call: this.callId, error: describeError(error) });
    }
  }
}

export function onLine(identity: PartyIdentity): PartyOnLine {
  return { number: identity.number, displayName: identity.displayName };
}
