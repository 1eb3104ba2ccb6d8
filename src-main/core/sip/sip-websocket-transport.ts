import { EmitterImpl, TransportState, type Emitter, type Transport } from 'sip.js';
import { errorMessage, type Logger } from '../logging/logger.js';
import type { SipWebSocket, SipWebSocketFactory } from './sip-web-socket.js';

export interface SipWebSocketTransportOptions {
  server: string;
  createWebSocket: SipWebSocketFactory;
  logger: Logger;
  connectTimeoutMs?: number;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
/** if the server never completes the close handshake we still finish disconnecting */
const CLOSE_GRACE_MS = 2_000;

/** Logger shape SIP.js hands to a transport constructor; we log through our own logger instead. */
interface SipJsLoggerLike {
  log(content: string): void;
}

interface Pending {
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: Error) => void;
}

function pending(): Pending {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // a connect nobody awaits any more must not become an unhandled rejection
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/**
 * SIP.js Transport over an injected WebSocket (see sip-web-socket.ts). States follow SIP.js's
 * TransportState: Disconnected → Connecting → Connected → Disconnecting → Disconnected.
 * Reconnection is not done here: connection/ConnectionSupervisor decides when (backoff, sleep,
 * network) and calls connect() again on this same transport, so the UserAgent and its dialogs stay.
 */
export class SipWebSocketTransport implements Transport {
  readonly protocol: string;
  onConnect: (() => void) | undefined;
  onDisconnect: ((error?: Error) => void) | undefined;
  onMessage: ((message: string) => void) | undefined;

  private currentState: TransportState = TransportState.Disconnected;
  private readonly stateEmitter = new EmitterImpl<TransportState>();
  private socket: SipWebSocket | undefined;
  private connecting: (Pending & { timer: ReturnType<typeof setTimeout> }) | undefined;
  private disconnecting: (Pending & { timer: ReturnType<typeof setTimeout> }) | undefined;
  private readonly options: SipWebSocketTransportOptions;

  constructor(_sipLogger: SipJsLoggerLike, options: SipWebSocketTransportOptions) {
    this.options = options;
    const scheme = new URL(options.server).protocol;
    if (scheme !== 'ws:' && scheme !== 'wss:') throw new Error(`not a WebSocket URL: ${options.server}`);
    this.protocol = scheme === 'wss:' ? 'WSS' : 'WS';
  }

  get state(): TransportState {
    return this.currentState;
  }

  get stateChange(): Emitter<TransportState> {
    return this.stateEmitter;
  }

  isConnected(): boolean {
    return this.currentState === TransportState.Connected;
  }

  async connect(): Promise<void> {
    if (this.currentState === TransportState.Connected) return;
    if (this.currentState === TransportState.Connecting && this.connecting) return this.connecting.promise;
    if (this.currentState === TransportState.Disconnecting && this.disconnecting) {
      await this.disconnecting.promise;
      return this.connect();
    }
    const connectTimeoutMs = this.options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    const connecting = {
      ...pending(),
      timer: setTimeout(() => this.failConnect(new Error('SIP WebSocket connect timed out')), connectTimeoutMs),
    };
    this.connecting = connecting;
    this.setState(TransportState.Connecting);
    try {
      const socket: SipWebSocket = this.options.createWebSocket(this.options.server, 'sip', {
        onOpen: () => this.handleOpen(socket),
        onMessage: (text) => this.handleMessage(socket, text),
        onClose: (code, reason) => this.handleClose(socket, code, reason),
        onError: (error) => this.options.logger.debug('SIP WebSocket error', { error: error.message }),
      });
      this.socket = socket;
    } catch (error) {
      this.failConnect(new Error(`SIP WebSocket could not be created: ${errorMessage(error)}`));
    }
    return connecting.promise;
  }

  async disconnect(): Promise<void> {
    switch (this.currentState) {
      case TransportState.Disconnected:
        return;
      case TransportState.Disconnecting:
        return this.disconnecting?.promise;
      case TransportState.Connecting:
        this.settleConnect(new Error('disconnected while connecting'));
        break;
      case TransportState.Connected:
        break;
    }
    const socket = this.socket;
    const disconnecting = { ...pending(), timer: setTimeout(() => this.finishDisconnect(), CLOSE_GRACE_MS) };
    this.disconnecting = disconnecting;
    const wasConnected = this.currentState === TransportState.Connected;
    this.setState(TransportState.Disconnecting);
    if (wasConnected) this.onDisconnect?.();
    try {
      socket?.close(1000);
    } catch (error) {
      this.options.logger.debug('SIP WebSocket close failed', { error: errorMessage(error) });
      this.finishDisconnect();
    }
    if (!socket) this.finishDisconnect();
    return disconnecting.promise;
  }

  dispose(): Promise<void> {
    return this.disconnect();
  }

  send(message: string): Promise<void> {
    if (this.currentState !== TransportState.Connected || !this.socket) {
      return Promise.reject(new Error('SIP transport not connected'));
    }
    try {
      this.socket.send(message);
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private handleOpen(socket: SipWebSocket): void {
    if (socket !== this.socket || this.currentState !== TransportState.Connecting) return;
    this.setState(TransportState.Connected);
    this.settleConnect();
    this.onConnect?.();
  }

  private handleMessage(socket: SipWebSocket, text: string): void {
    if (socket !== this.socket || this.currentState !== TransportState.Connected) return;
    // RFC 5626 CRLF keep-alive answers carry no SIP message
    if (/^(\r\n)+$/.test(text) || text.length === 0) return;
    this.onMessage?.(text);
  }

  private handleClose(socket: SipWebSocket, code: number, reason: string): void {
    if (socket !== this.socket) return;
    this.socket = undefined;
    const previous = this.currentState;
    if (previous === TransportState.Disconnecting) {
      this.finishDisconnect();
      return;
    }
    const error = new Error(`SIP WebSocket closed (code ${code}${reason ? `: ${reason}` : ''})`);
    this.setState(TransportState.Disconnected);
    if (previous === TransportState.Connecting) this.settleConnect(error);
    if (previous === TransportState.Connected) this.onDisconnect?.(error);
  }

  private failConnect(error: Error): void {
    if (this.currentState !== TransportState.Connecting) return;
    const socket = this.socket;
    this.socket = undefined;
    this.setState(TransportState.Disconnected);
    this.settleConnect(error);
    try {
      socket?.close(1000);
    } catch {
      // the socket is being abandoned either way
    }
  }

  private settleConnect(error?: Error): void {
    const connecting = this.connecting;
    if (!connecting) return;
    this.connecting = undefined;
    clearTimeout(connecting.timer);
    if (error) connecting.reject(error);
    else connecting.resolve();
  }

  private finishDisconnect(): void {
    const disconnecting = this.disconnecting;
    if (!disconnecting) return;
    this.disconnecting = undefined;
    clearTimeout(disconnecting.timer);
    this.socket = undefined;
    this.setState(TransportState.Disconnected);
    disconnecting.resolve();
  }

  private setState(state: TransportState): void {
    if (state === this.currentState) return;
    this.currentState = state;
    this.stateEmitter.emit(state);
  }
}
