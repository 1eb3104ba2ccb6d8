/**
 * The caller's leg: we are the UAS of the caller's INVITE. Its answer SDP is prepared as soon as
 * the call starts, so answering costs only the 200 OK when a callee picks up.
 */
import { type CallerSide } from './caller-side.js';
import { SipDialog } from './dialog.js';
import { ACK_TIMEOUT_MS, Leg, type LegContext, type LegEndListener } from './leg.js';
import { type PartyIdentity } from './party.js';
import { type LegMedia } from '../media/leg-media.js';
import { contactUriOf, type SipRequest } from '../sip/message.js';
import { formatNameAddr, withTag, type HeaderList } from '../sip/headers.js';
import { newTag } from '../sip/tokens.js';
import { type ServerTransaction } from '../transaction/server-transactions.js';
import { type SipConnection } from '../transport/sip-connection.js';

export type CallerLegState = 'proceeding' | 'ringing' | 'accepted' | 'confirmed' | 'ended';

export interface CallerLegListener extends LegEndListener {
  /** the caller sent CANCEL before we answered */
  onCallerCancelled(leg: CallerSide): void;
}

export interface CallerLegInit {
  ctx: LegContext;
  connection: SipConnection;
  media: LegMedia;
  invite: SipRequest;
  tx: ServerTransaction;
  listener: CallerLegListener;
  /** who is calling, as the called party is shown it (and its SIP user and tenant) */
  identity: PartyIdentity;
}

export class CallerLeg extends Leg implements CallerSide {
  private state: CallerLegState = 'proceeding';
  private readonly invite: SipRequest;
  private readonly tx: ServerTransaction;
  private readonly listener: CallerLegListener;
  private readonly toTag = newTag();
  private answer: Promise<string> | undefined;
  private ackWait: { resolve: () => void; reject: (error: Error) => void; timer: NodeJS.Timeout } | undefined;

  constructor(init: CallerLegInit) {
    super(init.ctx, init.connection, init.media, init.listener, init.identity);
    this.invite = init.invite;
    this.tx = init.tx;
    this.listener = init.listener;
    this.bindDialog(
      new SipDialog({
        connection: init.connection,
        pbx: init.ctx.pbx,
        callId: init.invite.callId,
        localTag: this.toTag,
        remoteTag: init.invite.fromTag,
        localParty: withTag(init.invite.basis.to, this.toTag),
        remoteParty: init.invite.basis.from,
        remoteTarget: contactUriOf(init.invite.message) ?? init.invite.requestUri,
        localCseq: 0,
        remoteCseq: init.invite.cseq,
      }),
    );
    init.tx.onCancel = () => {
      if (this.state === 'proceeding' || this.state === 'ringing') init.listener.onCallerCancelled(this);
    };
  }

  get isConfirmed(): boolean {
    return this.state === 'confirmed';
  }

  get currentState(): CallerLegState {
    return this.state;
  }

  /** Start answering the caller's offer now; `accept` uses the result. */
  prepareAnswer(): Promise<string> {
    this.answer ??= this.media.answerOffer(this.invite.body);
    return this.answer;
  }

  ringing(): void {
    if (this.state !== 'proceeding') return;
    this.state = 'ringing';
    this.tx.respond({ status: 180, toTag: this.toTag, headers: this.contactHeaders() });
  }

  /** 200 OK with our answer, then wait for the caller's ACK. Rejects if the caller is gone first. */
  async accept(connectedTo?: PartyIdentity): Promise<void> {
    const sdp = await this.prepareAnswer();
    if (this.state !== 'proceeding' && this.state !== 'ringing') throw new Error('caller no longer waiting');
    if (!this.connection.isOpen) throw new Error('caller connection closed');
    this.state = 'accepted';
    const acked = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no ACK from caller')), ACK_TIMEOUT_MS);
      timer.unref();
      this.ackWait = { resolve, reject, timer };
    });
    const asserted: HeaderList = connectedTo?.number
      ? [['P-Asserted-Identity', formatNameAddr(`sip:${connectedTo.number}@${this.ctx.pbx.domain}`, connectedTo.displayName)]]
      : [];
    this.tx.respond({
      status: 200,
      toTag: this.toTag,
      headers: [...this.contactHeaders(), ...asserted],
      body: { contentType: 'application/sdp', content: sdp },
    });
    try {
      await acked;
    } finally {
      this.ackWait = undefined;
    }
  }

  hangUp(reason?: string): void {
    if (this.isDisposed) return;
    if (this.tx.isFinal && (this.state === 'accepted' || this.state === 'confirmed')) {
      this.sendBye(reason ? [['Reason', reason]] : undefined);
      this.state = 'ended';
      this.dispose();
      return;
    }
    this.terminate(480);
  }

  /**
   * End this leg: a final response if we have not answered (status, default 480), else BYE unless
   * the caller already hung up.
   */
  terminate(status = 480, reason?: string): void {
    if (this.isDisposed) return;
    if (!this.tx.isFinal) {
      this.tx.respond({ status, reason, toTag: this.toTag });
    } else if (this.state === 'accepted' || this.state === 'confirmed') {
      this.sendBye();
    }
    this.state = 'ended';
    this.dispose();
  }

  protected canRenegotiate(): boolean {
    return this.state === 'confirmed';
  }

  protected consumeInitialAck(request: SipRequest): boolean {
    if (request.cseq !== this.invite.cseq) return false;
    // Synchronously: the next request may be in the same WebSocket read and must see 'confirmed'.
    if (this.state === 'accepted') this.state = 'confirmed';
    const wait = this.ackWait;
    if (wait) {
      clearTimeout(wait.timer);
      wait.resolve();
    }
    return true; // a repeated ACK of the INVITE is absorbed too
  }

  protected transportLost(): void {
    this.remoteHungUp = true; // nobody left to send a BYE to
    if (this.state === 'proceeding' || this.state === 'ringing') this.listener.onCallerCancelled(this);
    else this.owner.onLegEnded(this, 'transport');
  }

  protected disposeSignaling(): void {
    const wait = this.ackWait;
    if (wait) {
      clearTimeout(wait.timer);
      wait.reject(new Error('caller leg ended'));
    }
    this.ackWait = undefined;
    this.tx.onCancel = undefined;
  }
}
