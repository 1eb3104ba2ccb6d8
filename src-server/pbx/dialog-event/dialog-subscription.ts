/**
 * One dialog-event subscription (RFC 6665 + RFC 4235): the dialog the SUBSCRIBE created, its
 * expiry, and NOTIFYs of the watched resource — one at a time, so the subscriber sees versions in
 * order; a change while a NOTIFY is out is sent (as full state) when that one is answered.
 */
import { type SipDialog } from '../b2bua/dialog.js';
import { type DialogEndpoint, type DialogRegistry } from '../b2bua/dialog-registry.js';
import { type PbxLogger } from '../logger.js';
import { type SipRequest } from '../sip/message.js';
import { ALLOW_HEADER } from '../sip/pbx-address.js';
import { type ServerTransaction } from '../transaction/server-transactions.js';
import { type SipConnection } from '../transport/sip-connection.js';
import { DIALOG_INFO_CONTENT_TYPE, dialogInfoXml } from './dialog-info-xml.js';
import { type LineStateBoard, type WatchedResource } from './line-state-board.js';
import { grantedExpiry, type SubscriptionExpiryLimits } from './subscription-expiry.js';

export interface DialogSubscriptionInit {
  dialog: SipDialog;
  dialogs: DialogRegistry;
  board: LineStateBoard;
  resource: WatchedResource;
  /** entity URI of the NOTIFY body, e.g. sip:202@plusphone.test */
  entity: string;
  remoteUri: (number: string) => string;
  /** the PBX's Contact in this dialog */
  contactUri: string;
  expiry: SubscriptionExpiryLimits;
  logger: PbxLogger;
  onEnded: (subscription: DialogSubscription) => void;
}

export class DialogSubscription implements DialogEndpoint {
  readonly connection: SipConnection;
  private version = 0;
  private expiresAt = 0;
  private expiryTimer: NodeJS.Timeout | undefined;
  private notifyInFlight = false;
  private dirty = false;
  private ended = false;
  private readonly stopWatching: () => void;
  private readonly stopWatchingConnection: () => void;

  constructor(private readonly init: DialogSubscriptionInit) {
    this.connection = init.dialog.connection;
    init.dialogs.add(init.dialog.key, this);
    this.stopWatching = init.board.watch(init.resource, () => this.notify());
    this.stopWatchingConnection = this.connection.onClose(() => this.end());
  }

  get isEnded(): boolean {
    return this.ended;
  }

  /** Start (or refresh) for `seconds`, then send the current state. */
  activate(seconds: number): void {
    if (this.ended) return;
    this.expiresAt = Date.now() + seconds * 1000;
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    this.expiryTimer = setTimeout(() => this.terminate('timeout'), seconds * 1000);
    this.expiryTimer.unref();
    this.notify();
  }

  handleInDialog(request: SipRequest, tx: ServerTransaction | undefined): void {
    if (!tx) return; // no ACK belongs to a subscription
    if (this.ended) {
      tx.respond({ status: 481 });
      return;
    }
    if (!this.init.dialog.acceptRemoteCseq(request.cseq)) {
      tx.respond({ status: 500, reason: 'CSeq Out of Order', headers: [['Retry-After', '1']] });
      return;
    }
    if (request.method !== 'SUBSCRIBE') {
      tx.respond({ status: 405, headers: [['Allow', ALLOW_HEADER]] });
      return;
    }
    const granted = grantedExpiry(request.header('expires'), this.init.expiry);
    if (granted.kind === 'invalid') {
      tx.respond({ status: 400, reason: 'Invalid Expires' });
      return;
    }
    if (granted.kind === 'tooBrief') {
      tx.respond({ status: 423, headers: [['Min-Expires', String(this.init.expiry.minSeconds)]] });
      return;
    }
    tx.respond({ status: 200, headers: [['Expires', String(granted.seconds)], ['Contact', `<${this.contactUri()}>`]] });
    if (granted.seconds === 0) this.terminate(undefined);
    else this.activate(granted.seconds);
  }

  /** Final NOTIFY (terminated), then release. */
  terminate(reason: 'timeout' | 'noresource' | undefined): void {
    if (this.ended) return;
    this.sendNotify(`terminated${reason ? `;reason=${reason}` : ''}`, () => undefined);
    this.end();
  }

  /** Release without a NOTIFY (the connection is gone, or the subscriber refused ours). */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    this.expiryTimer = undefined;
    this.stopWatching();
    this.stopWatchingConnection();
    this.init.dialogs.remove(this.init.dialog.key, this);
    this.init.onEnded(this);
  }

  private notify(): void {
    if (this.ended || this.expiresAt === 0) return;
    if (this.notifyInFlight) {
      this.dirty = true;
      return;
    }
    const remaining = Math.max(1, Math.round((this.expiresAt - Date.now()) / 1000));
    this.notifyInFlight = true;
    this.sendNotify(`active;expires=${remaining}`, (status) => {
      this.notifyInFlight = false;
      // RFC 6665 §4.1.3: 481 / 408 / a timeout end the subscription; so does any other refusal
      if (status === undefined || status >= 300) {
        this.init.logger.info('dialog subscription ended by the subscriber', { status, entity: this.init.entity });
        this.end();
        return;
      }
      if (this.dirty) {
        this.dirty = false;
        this.notify();
      }
    });
  }

  private sendNotify(subscriptionState: string, onFinal: (status: number | undefined) => void): void {
    if (!this.connection.isOpen) {
      onFinal(undefined);
      return;
    }
    this.version += 1;
    const body = dialogInfoXml({
      entity: this.init.entity,
      version: this.version,
      dialogs: this.init.board.dialogsOf(this.init.resource),
      remoteUri: this.init.remoteUri,
    });
    const notify = this.init.dialog.request('NOTIFY', {
      headers: [
        ['Event', 'dialog'],
        ['Subscription-State', subscriptionState],
        ['Contact', `<${this.contactUri()}>`],
      ],
      body: { contentType: DIALOG_INFO_CONTENT_TYPE, content: body },
    });
    const handle = this.connection.clientTransactions.start(notify.branch, 'NOTIFY', {
      onResponse: (response) => {
        if (response.status < 200) return;
        handle.dispose();
        onFinal(response.status);
      },
      onTimeout: () => onFinal(undefined),
    });
    this.connection.send(notify.text);
  }

  private contactUri(): string {
    return this.init.contactUri;
  }
}
