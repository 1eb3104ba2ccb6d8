/**
 * The dialog event package at the PBX (RFC 4235 over RFC 6665): an ID subscribes to a colleague
 * (by extension or direct number) or to a park slot (by its code) of its own tenant, and is
 * NOTIFYed with that resource's dialogs — idle, ringing with whom, busy; a slot's parked caller.
 * This is what lets a softphone offer pickup and retrieve in one click.
 */
import { SipDialog } from '../b2bua/dialog.js';
import { type DialogRegistry } from '../b2bua/dialog-registry.js';
import { type SipAuthenticator } from '../auth/authenticator.js';
import { type PbxDirectory } from '../directory.js';
import { type PbxLogger } from '../logger.js';
import { contactUriOf, type SipRequest } from '../sip/message.js';
import { withTag } from '../sip/headers.js';
import { type PbxAddress } from '../sip/pbx-address.js';
import { newTag } from '../sip/tokens.js';
import { type ServerTransaction } from '../transaction/server-transactions.js';
import { type SipConnection } from '../transport/sip-connection.js';
import { DIALOG_INFO_CONTENT_TYPE } from './dialog-info-xml.js';
import { DialogSubscription } from './dialog-subscription.js';
import { type LineStateBoard, type WatchedResource } from './line-state-board.js';
import { DEFAULT_SUBSCRIPTION_EXPIRY, grantedExpiry, type SubscriptionExpiryLimits } from './subscription-expiry.js';

export interface DialogSubscriptionsOptions {
  pbx: PbxAddress;
  dialogs: DialogRegistry;
  directory: PbxDirectory;
  authenticator: SipAuthenticator;
  board: LineStateBoard;
  /** codes of the park slots (e.g. *71…*78): subscribable resources of every tenant */
  parkSlotCodes: readonly string[];
  logger: PbxLogger;
  expiry?: SubscriptionExpiryLimits;
  /** subscriptions one connection may hold (a phone watches its colleagues and the slots) */
  maxPerConnection?: number;
}

const DEFAULT_MAX_PER_CONNECTION = 128;

export class DialogSubscriptions {
  private readonly active = new Set<DialogSubscription>();
  private readonly perConnection = new Map<SipConnection, number>();
  private readonly expiry: SubscriptionExpiryLimits;

  constructor(private readonly options: DialogSubscriptionsOptions) {
    this.expiry = options.expiry ?? DEFAULT_SUBSCRIPTION_EXPIRY;
  }

  get count(): number {
    return this.active.size;
  }

  /** A SUBSCRIBE outside any dialog. */
  handleSubscribe(request: SipRequest, tx: ServerTransaction, connection: SipConnection): void {
    const { authenticator, logger } = this.options;
    const event = (request.header('event') ?? '').split(';')[0]!.trim().toLowerCase();
    if (event !== 'dialog') {
      tx.respond({ status: 489, headers: [['Allow-Events', 'dialog']] });
      return;
    }
    const accept = request.headers('accept').join(',');
    if (accept.trim() !== '' && !accept.toLowerCase().split(',').some((type) => type.split(';')[0]!.trim() === DIALOG_INFO_CONTENT_TYPE)) {
      tx.respond({ status: 406, headers: [['Accept', DIALOG_INFO_CONTENT_TYPE]] });
      return;
    }
    const auth = authenticator.authenticate(request, 'proxy', connection.peerAddress);
    if (auth.kind === 'challenge') {
      tx.respond(authenticator.challenge('proxy', auth.stale));
      return;
    }
    if (auth.kind === 'forbidden') {
      tx.respond({ status: 403 });
      return;
    }
    const granted = grantedExpiry(request.header('expires'), this.expiry);
    if (granted.kind === 'invalid') {
      tx.respond({ status: 400, reason: 'Invalid Expires' });
      return;
    }
    if (granted.kind === 'tooBrief') {
      tx.respond({ status: 423, headers: [['Min-Expires', String(this.expiry.minSeconds)]] });
      return;
    }
    const target = this.resolveTarget(auth.identity.tenantId, String(request.uri.user ?? ''));
    if (!target) {
      logger.info('SUBSCRIBE to an unknown resource', { subscriber: auth.identity.sipUser, target: String(request.uri.user ?? '') });
      tx.respond({ status: 404 });
      return;
    }
    const remoteTarget = contactUriOf(request.message);
    if (!remoteTarget) {
      tx.respond({ status: 400, reason: 'Missing Contact' });
      return;
    }
    const held = this.perConnection.get(connection) ?? 0;
    if (held >= (this.options.maxPerConnection ?? DEFAULT_MAX_PER_CONNECTION)) {
      tx.respond({ status: 503, reason: 'Too Many Subscriptions', headers: [['Retry-After', '60']] });
      return;
    }
    const tag = newTag();
    const dialog = new SipDialog({
      connection,
      pbx: this.options.pbx,
      callId: request.callId,
      localTag: tag,
      remoteTag: request.fromTag,
      localParty: withTag(request.basis.to, tag),
      remoteParty: request.basis.from,
      remoteTarget,
      localCseq: 0,
      remoteCseq: request.cseq,
    });
    tx.respond({ status: 200, toTag: tag, headers: [['Expires', String(granted.seconds)], ['Contact', `<${this.options.pbx.contactUri}>`]] });
    const subscription = new DialogSubscription({
      dialog,
      dialogs: this.options.dialogs,
      board: this.options.board,
      resource: target.resource,
      entity: `sip:${target.user}@${this.options.pbx.domain}`,
      remoteUri: (number) => `sip:${number}@${this.options.pbx.domain}`,
      contactUri: this.options.pbx.contactUri,
      expiry: this.expiry,
      logger,
      onEnded: (ended) => this.forget(ended, connection),
    });
    this.active.add(subscription);
    this.perConnection.set(connection, held + 1);
    // Expires: 0 outside a dialog is a fetch: one NOTIFY with the state, terminated (RFC 6665 §4.4.3)
    if (granted.seconds === 0) {
      subscription.terminate('timeout');
    } else {
      subscription.activate(granted.seconds);
    }
  }

  /** Final NOTIFYs go out while the sockets are still open. */
  dispose(): void {
    for (const subscription of [...this.active]) subscription.terminate('noresource');
  }

  private forget(subscription: DialogSubscription, connection: SipConnection): void {
    if (!this.active.delete(subscription)) return;
    const held = (this.perConnection.get(connection) ?? 1) - 1;
    if (held <= 0) this.perConnection.delete(connection);
    else this.perConnection.set(connection, held);
  }

  /** A colleague (extension or direct number) or a park slot, within the subscriber's tenant. */
  private resolveTarget(tenantId: number, user: string): { resource: WatchedResource; user: string } | undefined {
    if (this.options.parkSlotCodes.includes(user)) return { resource: { kind: 'parkSlot', tenantId, slotCode: user }, user };
    const tenant = this.options.directory.tenantDirectory(tenantId);
    const identity = tenant?.identities.find((id) => id.extension === user || id.directNumber === user);
    if (!identity) return undefined;
    return { resource: { kind: 'identity', sipUser: identity.sipUser }, user: identity.extension };
  }
}
