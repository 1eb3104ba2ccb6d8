/**
 * One SIP-over-WebSocket flow (RFC 7118): a client connection that requests and responses travel
 * on, in both directions. Registrations and call legs are bound to the connection they came on
 * (contacts are usually `*.invalid`), and everything bound to it ends when it closes.
 */
import { type WebSocket, type RawData } from 'ws';
import { ClientTransactionTable } from '../transaction/client-transactions.js';
import { ServerTransactionTable, type SipSender } from '../transaction/server-transactions.js';
import { describeError, type PbxLogger } from '../logger.js';
import { DEFAULT_MESSAGE_BUDGET, MessageBudget, type MessageBudgetLimits } from './message-budget.js';

export interface SipConnection extends SipSender {
  readonly id: string;
  /** remote IP address (for lockouts and logs) */
  readonly peerAddress: string;
  /** Via transport of requests we send on it */
  readonly transport: 'WS' | 'WSS';
  readonly isOpen: boolean;
  readonly serverTransactions: ServerTransactionTable;
  readonly clientTransactions: ClientTransactionTable;
  /** Called once when the connection is gone. Returns the unsubscribe function. */
  onClose(listener: () => void): () => void;
  close(code?: number, reason?: string): void;
}

export interface WebSocketSipConnectionOptions {
  id: string;
  peerAddress: string;
  transport: 'WS' | 'WSS';
  logger: PbxLogger;
  onMessage: (connection: SipConnection, data: Buffer) => void;
  /** how many messages the peer may send (DEFAULT_MESSAGE_BUDGET unless given) */
  messageBudget?: MessageBudgetLimits;
  now?: () => number;
}

/** RFC 6455 "policy violation": the close code a flooding client is cut off with. */
export const CLOSE_MESSAGE_RATE_EXCEEDED = 1008;

export class WebSocketSipConnection implements SipConnection {
  readonly id: string;
  readonly peerAddress: string;
  readonly transport: 'WS' | 'WSS';
  readonly serverTransactions: ServerTransactionTable;
  readonly clientTransactions = new ClientTransactionTable();
  private readonly closeListeners = new Set<() => void>();
  private open = true;
  private alive = true;
  private closed: Promise<void>;
  private readonly budget: MessageBudget;
  private readonly now: () => number;
  /** over budget for too long: closing, and nothing more it sends is read */
  private cutOff = false;

  constructor(
    private readonly ws: WebSocket,
    private readonly options: WebSocketSipConnectionOptions,
  ) {
    this.id = options.id;
    this.peerAddress = options.peerAddress;
    this.transport = options.transport;
    this.serverTransactions = new ServerTransactionTable(this);
    this.now = options.now ?? Date.now;
    this.budget = new MessageBudget(options.messageBudget ?? DEFAULT_MESSAGE_BUDGET, this.now());
    this.closed = new Promise((resolve) => ws.once('close', () => resolve()));
    ws.on('message', this.handleMessage);
    ws.on('pong', this.handlePong);
    ws.on('error', this.handleError);
    ws.once('close', this.handleClose);
  }

  get isOpen(): boolean {
    return this.open;
  }

  send(text: string): boolean {
    if (!this.open || this.ws.readyState !== this.ws.OPEN) return false;
    this.ws.send(text, (error) => {
      if (error) this.options.logger.debug('sip send failed', { connection: this.id, error: describeError(error) });
    });
    return true;
  }

  onClose(listener: () => void): () => void {
    if (!this.open) {
      queueMicrotask(listener);
      return () => undefined;
    }
    this.closeListeners.add(listener);
    return () => {
      this.closeListeners.delete(listener);
    };
  }

  close(code = 1000, reason = ''): void {
    if (this.ws.readyState === this.ws.CLOSED) return;
    try {
      this.ws.close(code, reason);
    } catch {
      this.ws.terminate();
    }
  }

  /** Close politely and wait; drop the socket if the peer does not finish the handshake in time. */
  async closeAndWait(code: number, timeoutMs: number): Promise<void> {
    this.close(code);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.closed, new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
    if (this.ws.readyState !== this.ws.CLOSED) this.ws.terminate();
    await this.closed;
  }

  /** Liveness: called periodically; a peer that did not answer the last ping is dropped. */
  checkAlive(): void {
    if (!this.open) return;
    if (!this.alive) {
      this.options.logger.info('sip connection not answering pings, dropping it', { connection: this.id });
      this.ws.terminate();
      return;
    }
    this.alive = false;
    try {
      this.ws.ping();
    } catch {
      this.ws.terminate();
    }
  }

  private readonly handleMessage = (data: RawData): void => {
    this.alive = true;
    if (this.cutOff || !this.withinBudget()) return;
    const buffer = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
    try {
      this.options.onMessage(this, buffer);
    } catch (error) {
      // Hostile input must never take the server down; the dispatcher catches, this is the backstop.
      this.options.logger.error('sip message handling failed', { connection: this.id, error: describeError(error) });
    }
  };

  private withinBudget(): boolean {
    const verdict = this.budget.take(this.now());
    if (verdict === 'accept') return true;
    if (verdict === 'disconnect') {
      this.cutOff = true;
      this.options.logger.warn('sip connection over its message budget, disconnecting it', {
        connection: this.id,
        peer: this.peerAddress,
        dropped: this.budget.dropped,
      });
      this.close(CLOSE_MESSAGE_RATE_EXCEEDED, 'message rate exceeded');
    } else if (this.budget.dropped === 1) {
      this.options.logger.info('sip connection over its message budget, dropping messages', { connection: this.id, peer: this.peerAddress });
    }
    return false;
  }

  private readonly handlePong = (): void => {
    this.alive = true;
  };

  private readonly handleError = (error: Error): void => {
    this.options.logger.info('sip websocket error', { connection: this.id, error: describeError(error) });
  };

  private readonly handleClose = (): void => {
    this.open = false;
    this.ws.off('message', this.handleMessage);
    this.ws.off('pong', this.handlePong);
    this.serverTransactions.dispose();
    this.clientTransactions.dispose();
    const listeners = [...this.closeListeners];
    this.closeListeners.clear();
    for (const listener of listeners) {
      try {
        listener();
      } catch (error) {
        this.options.logger.error('sip connection close listener failed', { connection: this.id, error: describeError(error) });
      }
    }
    // 'error' stays subscribed: ws may still emit one after close, and an unhandled one would throw.
  };
}
