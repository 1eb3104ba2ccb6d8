import { PendingRequests } from '../../src-shared/contract/pending-requests.js';
import { fail, type Result } from '../../src-shared/contract/result.js';
import type { WireMessage } from '../../src-shared/contract/wire.js';
import { decodeWireMessage, encodeWireMessage, toResult } from './wire-codec.js';
import type { MediaRequestHandler, RendererBridge, TransportMessages } from './renderer-bridge.js';

export interface WsBridgeOptions {
  /** ws://host:port/ipc of the browser host */
  url: string;
  messages: TransportMessages;
  /** answers the host's media requests (the page is the media host); without it they are refused */
  serveMedia?: MediaRequestHandler;
  /** page→host requests; login and dial can take a while on a slow network */
  requestTimeoutMs?: number;
}

export type WsBridgeCloseListener = (event: { code: number; reason: string }) => void;

const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/**
 * The contract over one WebSocket to the browser host (src-main/host), carrying wire.ts
 * envelopes: page→host requests are ipc methods, host→page requests are media methods,
 * host→page events are topics. Every incoming frame is validated before it is used.
 */
export class WsBridge implements RendererBridge {
  private readonly pending = new PendingRequests<Result<unknown>>();
  private readonly topicListeners = new Map<string, Set<(payload: unknown) => void>>();
  private readonly closeListeners = new Set<WsBridgeCloseListener>();
  private readonly requestTimeoutMs: number;

  private constructor(
    private readonly socket: WebSocket,
    private readonly options: WsBridgeOptions,
  ) {
    this.requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    socket.addEventListener('message', this.handleMessage);
    socket.addEventListener('close', this.handleClose);
  }

  /** Resolves once the socket is open; rejects if it cannot be opened. */
  static connect(options: WsBridgeOptions): Promise<WsBridge> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(options.url);
      const onOpen = () => {
        socket.removeEventListener('error', onError);
        resolve(new WsBridge(socket, options));
      };
      const onError = () => {
        socket.removeEventListener('open', onOpen);
        reject(new Error(`cannot connect to ${options.url}`));
      };
      socket.addEventListener('open', onOpen, { once: true });
      socket.addEventListener('error', onError, { once: true });
    });
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  invoke(method: string, args: unknown): Promise<Result<unknown>> {
    if (!this.isOpen) return Promise.resolve(fail('unavailable', this.options.messages.unavailable));
    return this.pending
      .start(
        this.requestTimeoutMs,
        () => fail('timeout', this.options.messages.timeout),
        (id) => this.send({ kind: 'request', id, method, args }),
      )
      .catch(() => fail('unavailable', this.options.messages.unavailable));
  }

  on(topic: string, listener: (payload: unknown) => void): () => void {
    let listeners = this.topicListeners.get(topic);
    if (!listeners) {
      listeners = new Set();
      this.topicListeners.set(topic, listeners);
    }
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }

  onClose(listener: WsBridgeCloseListener): () => void {
    this.closeListeners.add(listener);
    return () => {
      this.closeListeners.delete(listener);
    };
  }

  close(): void {
    this.socket.close(1000, 'window closed');
  }

  private send(message: WireMessage): void {
    if (this.isOpen) this.socket.send(encodeWireMessage(message));
  }

  private readonly handleMessage = (event: MessageEvent): void => {
    const message = decodeWireMessage(event.data);
    if (!message) {
      console.warn('[plusphone] ignored a malformed message from the host');
      return;
    }
    switch (message.kind) {
      case 'response':
        // false when it was answered after its timeout: nothing waits for it any more
        this.pending.settle(message.id, toResult(message.result));
        return;
      case 'event':
        for (const listener of [...(this.topicListeners.get(message.topic) ?? [])]) {
          try {
            listener(message.payload);
          } catch (error) {
            // one faulty view must not keep the others from the event (same as the preload bridge)
            console.error(`[plusphone] listener for ${message.topic} failed`, error);
          }
        }
        return;
      case 'request':
        void this.answerMediaRequest(message.id, message.method, message.args);
        return;
    }
  };

  private async answerMediaRequest(id: number, method: string, args: unknown): Promise<void> {
    let result: Result<unknown>;
    if (!this.options.serveMedia) {
      result = fail('unavailable', 'this page does not host media');
    } else {
      try {
        result = await this.options.serveMedia(method, args);
      } catch (error) {
        result = fail('internal', error instanceof Error ? error.message : String(error));
      }
    }
    this.send({ kind: 'response', id, result });
  }

  private readonly handleClose = (event: CloseEvent): void => {
    this.socket.removeEventListener('message', this.handleMessage);
    this.socket.removeEventListener('close', this.handleClose);
    this.pending.settleAll(fail('unavailable', this.options.messages.unavailable));
    for (const listener of [...this.closeListeners]) listener({ code: event.code, reason: event.reason });
  };
}
