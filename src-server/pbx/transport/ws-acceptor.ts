/**
 * Accepts SIP WebSocket connections (RFC 7118: subprotocol "sip") from an HTTP server's upgrade
 * event. The HTTP side decides the path; this checks the subprotocol, limits frame size and the
 * connections one address may hold, and keeps connections alive with pings.
 */
import { type IncomingMessage } from 'node:http';
import { type Duplex } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { WebSocketServer } from 'ws';
import { WebSocketSipConnection, type SipConnection } from './sip-connection.js';
import { type MessageBudgetLimits } from './message-budget.js';
import { type PbxLogger } from '../logger.js';

export const SIP_SUBPROTOCOL = 'sip';

export interface SipWebSocketAcceptorOptions {
  logger: PbxLogger;
  maxPayloadBytes: number;
  pingIntervalMs: number;
  /**
   * open (and opening) WebSockets one remote address may hold; an office behind one NAT address
   * has one per softphone, so this is generous, but one host cannot exhaust the server's sockets
   */
  maxConnectionsPerAddress: number;
  messageBudget?: MessageBudgetLimits;
  onConnection: (connection: SipConnection) => void;
  onMessage: (connection: SipConnection, data: Buffer) => void;
}

export class SipWebSocketAcceptor {
  private readonly wss: WebSocketServer;
  private readonly live = new Set<WebSocketSipConnection>();
  /** connections per remote address, counted from the upgrade request on */
  private readonly perAddress = new Map<string, number>();
  private readonly pingTimer: NodeJS.Timeout;
  private closing = false;

  constructor(private readonly options: SipWebSocketAcceptorOptions) {
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: options.maxPayloadBytes,
      perMessageDeflate: false,
      handleProtocols: (protocols) => (protocols.has(SIP_SUBPROTOCOL) ? SIP_SUBPROTOCOL : false),
    });
    this.wss.on('error', (error) => options.logger.warn('sip websocket server error', { error: error.message }));
    this.pingTimer = setInterval(() => {
      for (const connection of this.live) connection.checkAlive();
    }, options.pingIntervalMs);
    this.pingTimer.unref();
  }

  get connectionCount(): number {
    return this.live.size;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', (error) => this.options.logger.debug('sip upgrade socket error', { error: error.message }));
    if (this.closing) {
      rejectUpgrade(socket, 503, 'Service Unavailable');
      return;
    }
    const address = req.socket.remoteAddress ?? 'unknown';
    if ((this.perAddress.get(address) ?? 0) >= this.options.maxConnectionsPerAddress) {
      this.options.logger.info('sip websocket refused: too many connections from one address', { peer: address });
      rejectUpgrade(socket, 429, 'Too Many Requests');
      return;
    }
    const requested = String(req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim().toLowerCase());
    if (!requested.includes(SIP_SUBPROTOCOL)) {
      rejectUpgrade(socket, 400, 'Bad Request');
      return;
    }
    // Counted from here: many upgrades in flight at once must not slip past the limit.
    this.perAddress.set(address, (this.perAddress.get(address) ?? 0) + 1);
    let counted = true;
    const release = (): void => {
      if (!counted) return;
      counted = false;
      const left = (this.perAddress.get(address) ?? 1) - 1;
      if (left > 0) this.perAddress.set(address, left);
      else this.perAddress.delete(address);
    };
    // A handshake ws refuses (bad key, version) never reaches the callback: the socket just closes.
    socket.once('close', release);
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      if (this.closing) {
        ws.terminate();
        return;
      }
      const encrypted = 'encrypted' in req.socket && (req.socket as { encrypted?: boolean }).encrypted === true;
      const connection = new WebSocketSipConnection(ws, {
        id: randomUUID(),
        peerAddress: address,
        transport: encrypted ? 'WSS' : 'WS',
        logger: this.options.logger,
        onMessage: this.options.onMessage,
        ...(this.options.messageBudget ? { messageBudget: this.options.messageBudget } : {}),
      });
      this.live.add(connection);
      connection.onClose(() => this.live.delete(connection));
      this.options.logger.debug('sip connection open', { connection: connection.id, peer: connection.peerAddress });
      this.options.onConnection(connection);
    });
  }

  /** Close every connection (1001 going away) and stop accepting. */
  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.pingTimer);
    await Promise.all([...this.live].map((connection) => connection.closeAndWait(1001, 1000)));
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}

function rejectUpgrade(socket: Duplex, status: number, reason: string): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`, () => socket.destroy());
}
