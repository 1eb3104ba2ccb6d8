/**
 * Everything that arrives on a SIP connection goes through here: parse, then keep-alive, response
 * to one of our transactions, or request — matched to its transaction (retransmission, CANCEL,
 * ACK), to its dialog, or handed to the registrar / B2BUA. Hostile input ends as a 4xx or a log
 * line, never as an exception.
 */
import { type B2bua } from './b2bua/b2bua.js';
import { type DialogRegistry } from './b2bua/dialog-registry.js';
import { type DialogSubscriptions } from './dialog-event/dialog-subscriptions.js';
import { describeError, type PbxLogger } from './logger.js';
import { type Registrar } from './registrar/registrar.js';
import { type SipRequest } from './sip/message.js';
import { type SipParser } from './sip/parse.js';
import { ALLOW_HEADER, KNOWN_UNSUPPORTED_METHODS } from './sip/pbx-address.js';
import { serializeResponse } from './sip/serialize.js';
import { type ServerTransaction } from './transaction/server-transactions.js';
import { type SipConnection } from './transport/sip-connection.js';

/** Option tags a request may require of us (RFC 3261 §8.2.2.3); none so far. */
const SUPPORTED_REQUIREMENTS: ReadonlySet<string> = new Set<string>();

function unsupportedRequirements(request: SipRequest): string[] {
  return request
    .headers('require')
    .flatMap((value) => value.split(','))
    .map((tag) => tag.trim().toLowerCase())
    .filter((tag) => tag.length > 0 && !SUPPORTED_REQUIREMENTS.has(tag));
}

export interface SipRouterOptions {
  parser: SipParser;
  registrar: Registrar;
  b2bua: B2bua;
  dialogs: DialogRegistry;
  subscriptions: DialogSubscriptions;
  logger: PbxLogger;
}

export class SipRouter {
  constructor(private readonly options: SipRouterOptions) {}

  handleFrame(connection: SipConnection, data: Buffer): void {
    try {
      this.route(connection, data);
    } catch (error) {
      this.options.logger.error('sip message failed', { connection: connection.id, error: describeError(error) });
    }
  }

  private route(connection: SipConnection, data: Buffer): void {
    const parsed = this.options.parser.parse(data);
    switch (parsed.kind) {
      case 'keepalive':
        if (parsed.wantsPong) connection.send('\r\n');
        return;
      case 'invalid':
        this.options.logger.info('invalid sip message', { connection: connection.id, reason: parsed.reason, bytes: data.length });
        if (parsed.reply) connection.send(serializeResponse(parsed.reply.basis, { status: parsed.reply.status }));
        return;
      case 'response':
        if (!connection.clientTransactions.dispatch(parsed)) {
          this.options.logger.debug('response without a transaction dropped', { connection: connection.id, status: parsed.status });
        }
        return;
      case 'request':
        this.routeRequest(connection, parsed);
        return;
    }
  }

  private routeRequest(connection: SipConnection, request: SipRequest): void {
    const { dialogs } = this.options;
    const transactions = connection.serverTransactions;
    if (request.method === 'ACK') {
      const invite = transactions.find(request);
      // the ACK of a non-2xx final belongs to the INVITE transaction and ends there
      if (invite && invite.status !== undefined && invite.status >= 300) return;
      const endpoint = dialogs.find(request);
      if (endpoint && endpoint.connection === connection) endpoint.handleInDialog(request, undefined);
      return;
    }
    const existing = transactions.find(request);
    if (existing) {
      existing.retransmitLast();
      return;
    }
    if (request.method === 'CANCEL') {
      const cancelled = transactions.findCancelled(request);
      transactions.replyStateless(request, cancelled ? { status: 200, toTag: cancelled.localTag } : { status: 481 });
      if (cancelled && !cancelled.isFinal) cancelled.onCancel?.();
      return;
    }
    const tx = transactions.create(request);
    if (!tx) {
      transactions.replyStateless(request, { status: 503, headers: [['Retry-After', '5']] });
      return;
    }
    try {
      this.dispatch(connection, request, tx);
    } catch (error) {
      // e.g. the store failing under the directory: the client gets an answer, the server lives on
      this.options.logger.error('sip request failed', { connection: connection.id, method: request.method, error: describeError(error) });
      if (!tx.isFinal) tx.respond({ status: 500 });
    }
  }

  private dispatch(connection: SipConnection, request: SipRequest, tx: ServerTransaction): void {
    const { dialogs, registrar, b2bua } = this.options;
    const required = unsupportedRequirements(request);
    if (required.length > 0) {
      tx.respond({ status: 420, headers: [['Unsupported', required.join(', ')]] });
      return;
    }
    if (request.toTag) {
      const endpoint = dialogs.find(request);
      // a softphone back after a short drop continues its call on the new connection
      if (endpoint && endpoint.connection !== connection) {
        endpoint.resumeOn?.(connection, (sipUser) => registrar.contactsOf(sipUser).some((binding) => binding.connection === connection));
      }
      if (!endpoint || endpoint.connection !== connection) tx.respond({ status: 481 });
      else endpoint.handleInDialog(request, tx);
      return;
    }
    if (request.uri.scheme !== 'sip' && request.uri.scheme !== 'sips') {
      tx.respond({ status: 416 });
      return;
    }
    switch (request.method) {
      case 'REGISTER':
        registrar.handleRegister(request, tx, connection);
        return;
      case 'INVITE':
        b2bua.handleInvite(request, tx, connection);
        return;
      case 'SUBSCRIBE':
        this.options.subscriptions.handleSubscribe(request, tx, connection);
        return;
      case 'OPTIONS':
        tx.respond({ status: 200, headers: [['Allow', ALLOW_HEADER], ['Accept', 'application/sdp']] });
        return;
      case 'BYE':
      case 'INFO':
      case 'REFER': // transfer and park are REFERs inside a call, never outside one
        tx.respond({ status: 481 });
        return;
      default:
        if (KNOWN_UNSUPPORTED_METHODS.has(request.method)) tx.respond({ status: 405, headers: [['Allow', ALLOW_HEADER]] });
        else tx.respond({ status: 501 });
    }
  }
}
