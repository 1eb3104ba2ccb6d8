/**
 * A leg to one registered device of a called ID: we are the UAC. It makes its offer, sends the
 * INVITE on the device's connection, reports ringing / answer / failure to its call, and knows how
 * to CANCEL (RFC 3261 §9.1: only after a provisional response) or hang up.
 */
import { type CalleeSide } from './callee-side.js';
import { SipDialog } from './dialog.js';
import { Leg, type LegContext, type LegEndListener } from './leg.js';
import { type PartyIdentity } from './party.js';
import { describeError } from '../logger.js';
import { type LegMedia } from '../media/leg-media.js';
import { type Binding } from '../registrar/binding-table.js';
import { contactUriOf, isSdp, type SipResponse } from '../sip/message.js';
import { formatNameAddr, type HeaderList } from '../sip/headers.js';
import { serializeRequest } from '../sip/serialize.js';
import { newBranch, newCallId, newTag } from '../sip/tokens.js';
import { type ClientTransactionHandle } from '../transaction/client-transactions.js';

export type CalleeLegState = 'preparing' | 'calling' | 'early' | 'answered' | 'ended';

export interface CalleeLegListener extends LegEndListener {
  onCalleeRinging(leg: CalleeSide): void;
  /** `answer`: the device's SDP answer (empty for an in-process far end) */
  onCalleeAnswered(leg: CalleeSide, answer: string): void;
  /** the leg ended before it was answered (a final error response, timeout, transport, media) */
  onCalleeFailed(leg: CalleeSide, status: number): void;
}

/** Who is calling and what was dialled, as the callee's INVITE presents them. */
export interface CalleePresentation {
  callerNumber: string;
  callerDisplayName: string;
  calledNumber: string;
  calledLabel: string;
  /** the keys a voice menu collected from the caller (pbx/ivr/), sent as X-IVR-Digits */
  ivrDigits?: string;
}

export interface CalleeLegInit {
  ctx: LegContext;
  binding: Binding;
  media: LegMedia;
  presentation: CalleePresentation;
  listener: CalleeLegListener;
  /** the ID this device belongs to, as the caller is shown it */
  identity: PartyIdentity;
  /** how long a cancelled or hung-up leg waits for the device's final response before letting go */
  windDownMs?: number;
}

const INVITE_CSEQ = 1;
const WIND_DOWN_MS = 32_000;

export class CalleeLeg extends Leg implements CalleeSide {
  readonly binding: Binding;
  private state: CalleeLegState = 'preparing';
  private readonly listener: CalleeLegListener;
  private readonly callId: string;
  private readonly localTag = newTag();
  private readonly branch = newBranch();
  private readonly fromHeader: string;
  private readonly toHeader: string;
  private readonly inviteHeaders: HeaderList;
  private inviteTx: ClientTransactionHandle | undefined;
  private cancelTx: ClientTransactionHandle | undefined;
  private gotProvisional = false;
  /** CANCEL wanted before any provisional response: the Reason to send once one arrives */
  private pendingCancel: HeaderList | undefined;
  private windDownTimer: NodeJS.Timeout | undefined;

  constructor(private readonly init: CalleeLegInit) {
    super(init.ctx, init.binding.connection, init.media, init.listener, init.identity);
    this.binding = init.binding;
    this.listener = init.listener;
    const { domain } = init.ctx.pbx;
    const p = init.presentation;
    this.callId = newCallId(domain);
    const callerUri = `sip:${p.callerNumber}@${domain}`;
    this.fromHeader = formatNameAddr(callerUri, p.callerDisplayName, `;tag=${this.localTag}`);
    this.toHeader = formatNameAddr(`sip:${init.binding.aor}@${domain}`);
    this.inviteHeaders = [
      ['P-Asserted-Identity', formatNameAddr(callerUri, p.callerDisplayName)],
      ['P-Called-Party-ID', formatNameAddr(`sip:${p.calledNumber}@${domain}`, p.calledLabel)],
      ...(p.ivrDigits ? ([['X-IVR-Digits', p.ivrDigits]] as HeaderList) : []),
      ...this.contactHeaders().filter(([name]) => name !== 'Contact'),
    ];
  }

  get currentState(): CalleeLegState {
    return this.state;
  }

  get answererSipUser(): string {
    return this.binding.aor;
  }

  connectMedia(answerSdp: string): Promise<void> {
    return this.media.applyAnswer(answerSdp);
  }

  /** Still trying to reach the device (it may yet answer). */
  get isPending(): boolean {
    return this.state === 'preparing' || this.state === 'calling' || this.state === 'early';
  }

  /** Make the offer and send the INVITE. Failures are reported to the listener, never thrown. */
  async start(): Promise<void> {
    let offer: string;
    try {
      offer = await this.media.createOffer();
    } catch (error) {
      if (this.state !== 'preparing') return; // cancelled meanwhile
      this.ctx.logger.warn('callee offer failed', { leg: this.id, error: describeError(error) });
      this.fail(500);
      return;
    }
    if (this.state !== 'preparing') return;
    if (!this.connection.isOpen) {
      this.fail(480);
      return;
    }
    this.inviteTx = this.connection.clientTransactions.start(this.branch, 'INVITE', {
      onResponse: (response) => this.onInviteResponse(response),
      onTimeout: () => this.onInviteTimeout(),
    });
    this.state = 'calling';
    this.connection.send(
      serializeRequest({
        method: 'INVITE',
        requestUri: this.binding.contactUri,
        via: { transport: this.connection.transport, host: this.ctx.pbx.viaHost, branch: this.branch },
        from: this.fromHeader,
        to: this.toHeader,
        callId: this.callId,
        cseq: INVITE_CSEQ,
        contact: this.ctx.pbx.contactUri,
        headers: this.inviteHeaders,
        body: { contentType: 'application/sdp', content: offer },
      }),
    );
  }

  /**
   * Stop ringing (with an optional Reason header value, e.g. answered elsewhere) or hang up when
   * answered. The leg lets go once the device has sent its final response.
   */
  terminate(reason?: string): void {
    if (this.isDisposed) return;
    const headers: HeaderList = reason ? [['Reason', reason]] : [];
    switch (this.state) {
      case 'preparing':
        this.state = 'ended';
        this.dispose();
        return;
      case 'calling':
      case 'early':
        this.state = 'ended';
        void this.media.close(); // no audio will ever flow on this leg
        if (this.gotProvisional) this.sendCancel(headers);
        else this.pendingCancel = headers;
        this.windDownTimer = setTimeout(() => this.dispose(), this.init.windDownMs ?? WIND_DOWN_MS);
        this.windDownTimer.unref();
        return;
      case 'answered':
        this.state = 'ended';
        this.sendBye(headers);
        this.dispose();
        return;
      case 'ended':
        return;
    }
  }

  hangUp(reason?: string): void {
    this.terminate(reason);
  }

  protected canRenegotiate(): boolean {
    return this.state === 'answered';
  }

  protected consumeInitialAck(): boolean {
    return false; // we sent the INVITE: no ACK comes to us for it
  }

  protected transportLost(): void {
    this.remoteHungUp = true;
    const wasAnswered = this.state === 'answered';
    const wasPending = this.isPending;
    this.state = 'ended';
    if (wasAnswered) this.owner.onLegEnded(this, 'transport');
    else if (wasPending) this.listener.onCalleeFailed(this, 480);
    this.dispose();
  }

  protected disposeSignaling(): void {
    if (this.windDownTimer) clearTimeout(this.windDownTimer);
    this.windDownTimer = undefined;
    this.inviteTx?.dispose();
    this.cancelTx?.dispose();
  }

  /** Give up before the device was reached. */
  private fail(status: number): void {
    this.state = 'ended';
    this.listener.onCalleeFailed(this, status);
    this.dispose();
  }

  private onInviteResponse(response: SipResponse): void {
    if (this.isDisposed) return;
    if (response.status < 200) {
      this.gotProvisional = true;
      if (this.pendingCancel) {
        this.sendCancel(this.pendingCancel);
        this.pendingCancel = undefined;
        return;
      }
      if (response.status > 100 && (this.state === 'calling' || this.state === 'early')) {
        this.state = 'early';
        this.listener.onCalleeRinging(this);
      }
      return;
    }
    if (response.status < 300) {
      this.on2xx(response);
      return;
    }
    this.sendNon2xxAck(response);
    const wasPending = this.isPending;
    this.state = 'ended';
    if (wasPending) this.listener.onCalleeFailed(this, response.status);
    this.dispose();
  }

  private on2xx(response: SipResponse): void {
    const toTag = response.toTag;
    if (!toTag) return; // not a valid 2xx: no dialog can be formed
    if (this.dialog && this.dialog.remoteTag === toTag) {
      this.connection.send(this.dialog.ackFor2xx(INVITE_CSEQ)); // a repeated 2xx
      return;
    }
    const dialog = new SipDialog({
      connection: this.connection,
      pbx: this.ctx.pbx,
      callId: this.callId,
      localTag: this.localTag,
      remoteTag: toTag,
      localParty: this.fromHeader,
      remoteParty: response.toHeader,
      remoteTarget: contactUriOf(response.message) ?? this.binding.contactUri,
      localCseq: INVITE_CSEQ,
      remoteCseq: undefined,
    });
    this.connection.send(dialog.ackFor2xx(INVITE_CSEQ));
    if (this.state !== 'calling' && this.state !== 'early') {
      // Answered after we cancelled (or a second dialog): RFC 3261 §15 — ACK, then BYE.
      this.byeStray(dialog);
      if (this.state === 'ended') this.dispose();
      return;
    }
    this.bindDialog(dialog);
    if (!isSdp(response.contentType, response.body)) {
      this.state = 'ended';
      this.sendBye([['Reason', 'SIP;cause=488;text="No SDP answer"']]);
      this.listener.onCalleeFailed(this, 488);
      this.dispose();
      return;
    }
    this.state = 'answered';
    this.inviteTx?.dispose();
    this.inviteTx = undefined;
    this.listener.onCalleeAnswered(this, response.body);
  }

  private onInviteTimeout(): void {
    if (this.isDisposed) return;
    const wasPending = this.isPending;
    this.state = 'ended';
    if (wasPending) this.listener.onCalleeFailed(this, 408);
    this.dispose();
  }

  private sendCancel(headers: HeaderList): void {
    if (!this.connection.isOpen) return;
    this.cancelTx = this.connection.clientTransactions.start(this.branch, 'CANCEL', {
      onResponse: () => undefined, // the INVITE's 487 is what ends the leg
      onTimeout: () => undefined,
    });
    this.sendOnInviteBranch('CANCEL', this.toHeader, headers);
  }

  /** RFC 3261 §17.1.1.3: the ACK of a non-2xx final response is part of the INVITE transaction. */
  private sendNon2xxAck(response: SipResponse): void {
    this.sendOnInviteBranch('ACK', response.toHeader || this.toHeader);
  }

  /** CANCEL and the non-2xx ACK copy the INVITE's Request-URI, Via branch, From, Call-ID and CSeq number. */
  private sendOnInviteBranch(method: 'CANCEL' | 'ACK', to: string, headers?: HeaderList): void {
    this.connection.send(
      serializeRequest({
        method,
        requestUri: this.binding.contactUri,
        via: { transport: this.connection.transport, host: this.ctx.pbx.viaHost, branch: this.branch },
        from: this.fromHeader,
        to,
        callId: this.callId,
        cseq: INVITE_CSEQ,
        headers,
      }),
    );
  }

  private byeStray(dialog: SipDialog): void {
    const bye = dialog.request('BYE', { headers: [['Reason', 'SIP;cause=200;text="Call completed elsewhere"']] });
    this.connection.send(bye.text);
  }
}
