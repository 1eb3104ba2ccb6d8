/**
 * Blind transfer (REFER to a number): the transferred party becomes the caller of a new call to
 * the target, dialled as if by the transferor, and hears ringback meanwhile. The transferor hears
 * how it goes (NOTIFY 180, then 200 or the failure) and is hung up once the target answers.
 *
 * If the target does not answer (busy, no answer, not found) and the transferor is still on the
 * line, the two are connected again (as a desk phone's "transfer recall" would); if the transferor
 * has hung up already, the transferred party is hung up too — there is nobody left to talk to.
 */
import { TransferredCaller, type TransferProgress } from './transferred-caller.js';
import { type TransferHost } from './transfer-host.js';
import { type ReferNotifier } from './refer-notifier.js';
import { type LegEndListener } from '../b2bua/leg.js';
import { type Party, type PartyIdentity } from '../b2bua/party.js';
import { type ServerTransaction } from '../transaction/server-transactions.js';

export class BlindTransfer implements TransferProgress, LegEndListener {
  private settled = false;
  private transferorUp = true;

  constructor(
    private readonly host: TransferHost,
    private readonly notifier: ReferNotifier,
    /** the transferor's leg (the REFER came in its dialog); it waits here until the end */
    private readonly transferor: Party,
    private readonly transferee: Party,
  ) {}

  start(dialledBy: PartyIdentity, dialled: string): void {
    this.transferor.rebind(this);
    const outcome = this.host.dialAs({
      dialledBy,
      dialled,
      transferee: this.transferee.identity,
      caller: (listener) => new TransferredCaller(this.transferee, listener, this),
    });
    if (!outcome.ok) this.finish(outcome.status, this.transferee, outcome.reason);
  }

  // ---- how the call to the target goes

  ringing(): void {
    if (!this.settled) this.notifier.report(180);
  }

  answered(): void {
    if (this.settled) return;
    this.settled = true;
    this.notifier.report(200);
    this.host.logger.info('blind transfer done', { transferee: this.transferee.identity.number });
    if (this.transferorUp) this.transferor.hangUp();
  }

  failed(status: number, party: Party | undefined): void {
    this.finish(status, party);
  }

  // ---- the transferor while it waits

  onLegEnded(): void {
    // It hung up (as many phones do right after 202): the transfer goes on without it.
    this.transferorUp = false;
    this.transferor.hangUp();
  }

  onLegRefer(_leg: object, _request: unknown, tx: ServerTransaction): void {
    tx.respond({ status: 491, reason: 'Transfer In Progress' });
  }

  private finish(status: number, party: Party | undefined, reason?: string): void {
    if (this.settled) return;
    this.settled = true;
    this.notifier.report(status, reason);
    this.host.logger.info('blind transfer failed', { status, transferorOnLine: this.transferorUp, transfereeOnLine: !!party && !party.isDisposed });
    if (party && !party.isDisposed && this.transferorUp && !this.transferor.isDisposed) {
      this.host.join(party, this.transferor);
      return;
    }
    party?.hangUp();
    if (this.transferorUp) this.transferor.hangUp();
  }
}
