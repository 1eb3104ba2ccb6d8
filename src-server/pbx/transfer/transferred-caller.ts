/**
 * The transferred party as the caller of the call to the transfer target: a PartyAsCaller (it
 * hears ringback) that also tells the transfer how the call goes, for the referrer's NOTIFYs.
 */
import { type CallerLegListener } from '../b2bua/caller-leg.js';
import { type LegEndListener } from '../b2bua/leg.js';
import { PartyAsCaller, type PartyAsCallerOptions } from '../b2bua/party-as-caller.js';
import { type Party } from '../b2bua/party.js';

export interface TransferProgress {
  /** the target rings */
  ringing(): void;
  /** the target answered: the transferred party is connected to it */
  answered(): void;
  /**
   * The call ended unanswered with `status`. `party` is the transferred party when it is still
   * there (PartyAsCaller's onUnanswered handed it back), undefined when it hung up meanwhile.
   */
  failed(status: number, party: Party | undefined): void;
}

export class TransferredCaller extends PartyAsCaller {
  constructor(
    party: Party,
    listener: LegEndListener & Partial<Pick<CallerLegListener, 'onCallerCancelled'>>,
    private readonly progress: TransferProgress,
    options: Omit<PartyAsCallerOptions, 'onUnanswered'> = {},
  ) {
    super(party, listener, { ...options, onUnanswered: (handedBack, status) => progress.failed(status, handedBack) });
  }

  override ringing(): void {
    super.ringing();
    this.progress.ringing();
  }

  override async accept(): Promise<void> {
    await super.accept();
    this.progress.answered();
  }

  override terminate(status: number): void {
    const unanswered = !this.isConfirmed;
    super.terminate(status); // hands a live party back through onUnanswered first
    if (unanswered) this.progress.failed(status, undefined); // ignored when already told
  }
}
