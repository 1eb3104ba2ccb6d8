/**
 * What both kinds of call leg share: a media end in the PBX, a dialog with one endpoint on one
 * connection, and the requests that endpoint may send inside the dialog (BYE, re-INVITE, INFO,
 * OPTIONS). A leg ends by `dispose()`, which releases everything it holds.
 */
import { randomUUID } from 'node:crypto';
import { type SipDialog } from './dialog.js';
import { type DialogEndpoint, type DialogRegistry } from './dialog-registry.js';
import { describeError, runDetached, type PbxLogger } from '../logger.js';
import { type LegMedia } from '../media/leg-media.js';
import { contactUriOf, isSdp, type SipRequest } from '../sip/message.js';
import { ALLOW_HEADER, KNOWN_UNSUPPORTED_METHODS, type PbxAddress } from '../sip/pbx-address.js';
import { type HeaderList } from '../sip/headers.js';
import { type ServerTransaction } from '../transaction/server-transactions.js';
import { type SipConnection } from '../transport/sip-connection.js';

/** Timer H-like wait for the ACK of a 2xx we sent (reliable transport, 64·T1). */
export const ACK_TIMEOUT_MS = 32_000;

export type LegEndCause = 'bye' | 'transport' | 'ack-timeout' | 'media';

export interface LegContext {
  pbx: PbxAddress;
  dialogs: DialogRegistry;
  logger: PbxLogger;
}

/** Told when an answered leg ends from its own side. */
export interface LegEndListener {
  onLegEnded(leg: object, cause: LegEndCause): void;
}

interface ReinviteInProgress {
  cseq: number;
  /** offerless re-INVITE: our offer went in the 200, the answer must come in the ACK */
  weOffered: boolean;
  ackTimer: NodeJS.Timeout | undefined;
}

const SDP = 'application/sdp';

export abstract class Leg implements DialogEndpoint {
  readonly id = randomUUID();
  protected dialog: SipDialog | undefined;
  /** the endpoint sent BYE: do not send one back */
  protected remoteHungUp = false;
  private reinvite: ReinviteInProgress | undefined;
  private disposed = false;
  private readonly stopWatchingConnection: () => void;
  private resolveFinished: () => void = () => undefined;
  /** settles when the leg has released everything (dialog, transactions, media) */
  readonly finished: Promise<void>;

  protected constructor(
    protected readonly ctx: LegContext,
    readonly connection: SipConnection,
    readonly media: LegMedia,
    private readonly endListener: LegEndListener,
  ) {
    this.finished = new Promise((resolve) => (this.resolveFinished = resolve));
    this.stopWatchingConnection = connection.onClose(() => {
      if (!this.disposed) this.transportLost();
    });
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Answered and not yet ended: in-dialog renegotiation is allowed. */
  protected abstract canRenegotiate(): boolean;
  /** The ACK of the dialog-creating INVITE (caller leg); false when it is not that ACK. */
  protected abstract consumeInitialAck(request: SipRequest): boolean;
  /** The leg's connection closed. */
  protected abstract transportLost(): void;

  handleInDialog(request: SipRequest, tx: ServerTransaction | undefined): void {
    if (request.method === 'ACK') {
      this.handleAck(request);
      return;
    }
    if (!tx) return;
    if (this.disposed || !this.dialog) {
      tx.respond({ status: 481 });
      return;
    }
    if (!this.dialog.acceptRemoteCseq(request.cseq)) {
      tx.respond({ status: 500, reason: 'CSeq Out of Order', headers: [['Retry-After', '1']] });
      return;
    }
    switch (request.method) {
      case 'BYE':
        tx.respond({ status: 200 });
        this.remoteHungUp = true;
        this.endListener.onLegEnded(this, 'bye');
        return;
      case 'INVITE':
        runDetached(this.handleReinvite(request, tx), this.ctx.logger, 're-INVITE');
        return;
      case 'INFO': // DTMF by SIP INFO: accepted; IVR and feature handling come later
      case 'OPTIONS':
        tx.respond({ status: 200, headers: [['Allow', ALLOW_HEADER]] });
        return;
      default:
        if (KNOWN_UNSUPPORTED_METHODS.has(request.method)) tx.respond({ status: 405, headers: [['Allow', ALLOW_HEADER]] });
        else tx.respond({ status: 501 });
    }
  }

  /** Release the dialog, transactions and media. Idempotent. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.reinvite?.ackTimer) clearTimeout(this.reinvite.ackTimer);
    this.reinvite = undefined;
    this.stopWatchingConnection();
    if (this.dialog) this.ctx.dialogs.remove(this.dialog.key, this);
    this.disposeSignaling();
    void this.media.close().then(this.resolveFinished, this.resolveFinished);
  }

  /** Subclasses release their own transactions and timers here. */
  protected abstract disposeSignaling(): void;

  protected bindDialog(dialog: SipDialog): void {
    this.dialog = dialog;
    this.ctx.dialogs.add(dialog.key, this);
  }

  /** BYE the endpoint (we do not wait for its 200: the leg is over either way). */
  protected sendBye(headers?: HeaderList): void {
    if (!this.dialog || this.remoteHungUp || !this.connection.isOpen) return;
    const bye = this.dialog.request('BYE', { headers });
    const handle = this.connection.clientTransactions.start(bye.branch, 'BYE', {
      onResponse: (response) => {
        if (response.status >= 200) handle.dispose();
      },
      onTimeout: () => handle.dispose(),
    });
    this.connection.send(bye.text);
  }

  protected contactHeaders(): HeaderList {
    return [
      ['Contact', `<${this.ctx.pbx.contactUri}>`],
      ['Allow', ALLOW_HEADER],
    ];
  }

  private handleAck(request: SipRequest): void {
    if (this.disposed || this.consumeInitialAck(request)) return;
    const pending = this.reinvite;
    if (!pending || request.cseq !== pending.cseq) return; // a stray ACK: nothing to do
    if (pending.ackTimer) clearTimeout(pending.ackTimer);
    this.reinvite = undefined;
    if (!pending.weOffered) return;
    const settle = isSdp(request.contentType, request.body) ? this.media.applyAnswer(request.body) : this.media.rollback();
    settle.catch((error: unknown) => {
      this.ctx.logger.warn('answer in ACK rejected', { leg: this.id, error: describeError(error) });
      if (!this.disposed) this.endListener.onLegEnded(this, 'media');
    });
  }

  /** RFC 3261 §14.2: renegotiate this leg's media only; the other leg never notices. */
  private async handleReinvite(request: SipRequest, tx: ServerTransaction): Promise<void> {
    if (this.reinvite || !this.canRenegotiate()) {
      tx.respond({ status: 500, reason: 'Negotiation In Progress', headers: [['Retry-After', String(1 + Math.floor(Math.random() * 5))]] });
      return;
    }
    const pending: ReinviteInProgress = { cseq: request.cseq, weOffered: false, ackTimer: undefined };
    this.reinvite = pending;
    const target = contactUriOf(request.message);
    if (target && this.dialog) this.dialog.remoteTarget = target;
    let sdp: string;
    try {
      if (isSdp(request.contentType, request.body)) {
        sdp = await this.media.answerOffer(request.body);
      } else {
        pending.weOffered = true;
        sdp = await this.media.createOffer();
      }
    } catch (error) {
      if (this.reinvite === pending) this.reinvite = undefined;
      this.ctx.logger.info('re-INVITE not acceptable', { leg: this.id, error: describeError(error) });
      tx.respond({ status: 488 });
      if (pending.weOffered && !this.disposed) await this.media.rollback().catch(() => undefined);
      return;
    }
    if (this.disposed || this.reinvite !== pending) {
      tx.respond({ status: 487 });
      return;
    }
    tx.respond({ status: 200, headers: this.contactHeaders(), body: { contentType: SDP, content: sdp } });
    pending.ackTimer = setTimeout(() => {
      if (this.reinvite !== pending) return;
      this.reinvite = undefined;
      this.ctx.logger.warn('no ACK for re-INVITE 200', { leg: this.id });
      this.endListener.onLegEnded(this, 'ack-timeout');
    }, ACK_TIMEOUT_MS);
    pending.ackTimer.unref();
  }
}
