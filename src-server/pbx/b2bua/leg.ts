/**
 * What both kinds of call leg share: a media end in the PBX, a dialog with one endpoint on one
 * connection, and the requests that endpoint may send inside the dialog (BYE, re-INVITE, INFO,
 * OPTIONS, REFER). A leg ends by `dispose()`, which releases everything it holds. Every leg is a
 * Party: its owner (a Call, a park slot, …) can change with `rebind`.
 */
import { randomUUID } from 'node:crypto';
import { type SipDialog } from './dialog.js';
import { type DialogEndpoint, type DialogRegistry } from './dialog-registry.js';
import { parseDtmfInfo } from './dtmf-info.js';
import { type Party, type PartyIdentity } from './party.js';
import { describeError, runDetached, type PbxLogger } from '../logger.js';
import { type LegMedia } from '../media/leg-media.js';
import { offerPutsOnHold } from '../media/sdp-direction.js';
import { contactUriOf, isSdp, type SipRequest, type SipResponse } from '../sip/message.js';
import { ALLOW_HEADER, KNOWN_UNSUPPORTED_METHODS, type PbxAddress } from '../sip/pbx-address.js';
import { type HeaderList } from '../sip/headers.js';
import { type MessageBody } from '../sip/serialize.js';
import { type ServerTransaction } from '../transaction/server-transactions.js';
import { type SipConnection } from '../transport/sip-connection.js';

/** Timer H-like wait for the ACK of a 2xx we sent (reliable transport, 64·T1). */
export const ACK_TIMEOUT_MS = 32_000;
/**
 * An answered leg whose WebSocket closed waits this long for its endpoint to come back on a new
 * connection (a softphone reconnecting after a short drop re-INVITEs with an ICE restart) before
 * the call ends. Media keeps flowing meanwhile; the endpoint only lost its signalling.
 */
export const LEG_RECONNECT_GRACE_MS = 10_000;

export type LegEndCause = 'bye' | 'transport' | 'ack-timeout' | 'media';

export interface LegContext {
  pbx: PbxAddress;
  dialogs: DialogRegistry;
  logger: PbxLogger;
  /** default LEG_RECONNECT_GRACE_MS */
  reconnectGraceMs?: number;
}

/**
 * The owner of an answered party: told when it ends from its own side, and (optionally) about
 * what it asks for inside its dialog. `leg` is the party the listener was bound to.
 */
export interface LegEndListener {
  onLegEnded(leg: object, cause: LegEndCause): void;
  /** after a re-INVITE that holds (sendonly / inactive) or resumes (sendrecv) was answered */
  onLegHoldChanged?(leg: object, held: boolean): void;
  /** an in-dialog REFER (transfer, park); the listener answers `tx` */
  onLegRefer?(leg: object, request: SipRequest, tx: ServerTransaction): void;
  /** a DTMF digit by SIP INFO (the INFO itself is answered 200 by the leg) */
  onLegDtmf?(leg: object, digit: string, durationMs: number): void;
}

interface ReinviteInProgress {
  cseq: number;
  /** offerless re-INVITE: our offer went in the 200, the answer must come in the ACK */
  weOffered: boolean;
  ackTimer: NodeJS.Timeout | undefined;
}

const SDP = 'application/sdp';

export abstract class Leg implements DialogEndpoint, Party {
  readonly id = randomUUID();
  protected dialog: SipDialog | undefined;
  /** the endpoint sent BYE: do not send one back */
  protected remoteHungUp = false;
  /** the endpoint's last answered offer put the call on hold */
  private heldByRemote = false;
  private reinvite: ReinviteInProgress | undefined;
  private readonly clientRequests = new Set<{ dispose(): void }>();
  private disposed = false;
  private stopWatchingConnection: () => void;
  /** the connection closed under an answered leg: waiting for the endpoint's new one */
  private reconnectGrace: NodeJS.Timeout | undefined;
  private resolveFinished: () => void = () => undefined;
  /** settles when the leg has released everything (dialog, transactions, media) */
  readonly finished: Promise<void>;

  protected constructor(
    protected readonly ctx: LegContext,
    /** the endpoint's connection; replaced when it comes back on a new one (resumeOn) */
    public connection: SipConnection,
    readonly media: LegMedia,
    private endListener: LegEndListener,
    readonly identity: PartyIdentity,
  ) {
    this.finished = new Promise((resolve) => (this.resolveFinished = resolve));
    this.stopWatchingConnection = this.watchConnection(connection);
  }

  /**
   * A request of this leg's dialog arrived on another connection while the leg waits after losing
   * its own: continue on it if that connection is registered as the leg's SIP user (so nobody
   * else can take the call over by knowing its dialog identifiers). True when adopted.
   */
  resumeOn(connection: SipConnection, isRegisteredOn: (sipUser: string) => boolean): boolean {
    const sipUser = this.identity.sipUser;
    if (this.disposed || this.reconnectGrace === undefined || !this.dialog || !sipUser || !isRegisteredOn(sipUser)) return false;
    clearTimeout(this.reconnectGrace);
    this.reconnectGrace = undefined;
    this.stopWatchingConnection();
    this.connection = connection;
    this.dialog.connection = connection;
    this.stopWatchingConnection = this.watchConnection(connection);
    this.ctx.logger.info('leg resumed on a new connection', { leg: this.id, connection: connection.id });
    return true;
  }

  private watchConnection(connection: SipConnection): () => void {
    return connection.onClose(() => {
      if (this.disposed) return;
      if (!this.canRenegotiate() || !this.identity.sipUser) {
        this.transportLost();
        return;
      }
      const graceMs = this.ctx.reconnectGraceMs ?? LEG_RECONNECT_GRACE_MS;
      this.ctx.logger.info('leg lost its connection; waiting for it to come back', { leg: this.id, graceMs });
      this.reconnectGrace = setTimeout(() => {
        this.reconnectGrace = undefined;
        if (!this.disposed) this.transportLost();
      }, graceMs);
      this.reconnectGrace.unref();
    });
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** The endpoint has the call on hold (its last offer was sendonly / inactive). */
  get isHeldByRemote(): boolean {
    return this.heldByRemote;
  }

  rebind(listener: LegEndListener): void {
    this.endListener = listener;
  }

  /** the current owner (a Call, a park slot, …) */
  protected get owner(): LegEndListener {
    return this.endListener;
  }

  abstract hangUp(reason?: string): void;

  /**
   * A request inside our dialog (NOTIFY for a REFER, …) as a client transaction. Resolves with
   * the final response, or undefined without one (timeout, connection or dialog gone).
   */
  sendInDialog(method: string, headers: HeaderList, body?: MessageBody): Promise<SipResponse | undefined> {
    if (this.disposed || !this.dialog || !this.connection.isOpen) return Promise.resolve(undefined);
    const built = this.dialog.request(method, { headers, body });
    return new Promise((resolve) => {
      const entry = {
        dispose: () => {
          this.clientRequests.delete(entry);
          handle.dispose();
          resolve(undefined);
        },
      };
      const handle = this.connection.clientTransactions.start(built.branch, method, {
        onResponse: (response) => {
          if (response.status < 200) return;
          this.clientRequests.delete(entry);
          handle.dispose();
          resolve(response);
        },
        onTimeout: () => entry.dispose(),
      });
      this.clientRequests.add(entry);
      this.connection.send(built.text);
    });
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
      case 'REFER':
        this.handleRefer(request, tx);
        return;
      case 'INFO': {
        // Always 200: an INFO we do not understand must not end the call (RFC 6086 would allow 469).
        tx.respond({ status: 200 });
        const dtmf = parseDtmfInfo(request.contentType, request.body);
        if (dtmf) this.endListener.onLegDtmf?.(this, dtmf.digit, dtmf.durationMs);
        return;
      }
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
    if (this.reconnectGrace) clearTimeout(this.reconnectGrace);
    this.reconnectGrace = undefined;
    if (this.reinvite?.ackTimer) clearTimeout(this.reinvite.ackTimer);
    this.reinvite = undefined;
    for (const request of [...this.clientRequests]) request.dispose();
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

  private handleRefer(request: SipRequest, tx: ServerTransaction): void {
    const listener = this.endListener;
    if (!this.canRenegotiate()) {
      tx.respond({ status: 403, reason: 'Call Not Established' });
      return;
    }
    if (!listener.onLegRefer) {
      tx.respond({ status: 405, headers: [['Allow', ALLOW_HEADER]] });
      return;
    }
    listener.onLegRefer(this, request, tx);
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
    let holds: boolean | undefined;
    try {
      if (isSdp(request.contentType, request.body)) {
        holds = offerPutsOnHold(request.body);
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
    if (holds !== undefined && holds !== this.heldByRemote) {
      this.heldByRemote = holds;
      this.endListener.onLegHoldChanged?.(this, holds);
    }
    pending.ackTimer = setTimeout(() => {
      if (this.reinvite !== pending) return;
      this.reinvite = undefined;
      this.ctx.logger.warn('no ACK for re-INVITE 200', { leg: this.id });
      this.endListener.onLegEnded(this, 'ack-timeout');
    }, ACK_TIMEOUT_MS);
    pending.ackTimer.unref();
  }
}
