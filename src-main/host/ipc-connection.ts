import WebSocket from 'ws';
import { dispatchRequest } from '../../src-shared/contract/dispatch.js';
import { ipcRequests } from '../../src-shared/contract/ipc-contract.js';
import { fail, type Result } from '../../src-shared/contract/result.js';
import type { WireMessage } from '../../src-shared/contract/wire.js';
import { errorMessage, type Logger } from '../core/logging/logger.js';
import type { HostedPhone, HostedPhoneFactory } from './hosted-phone.js';
import { decodeFrame } from './wire-frames.js';
import { WireMediaLink } from './wire-media-link.js';

/** WebSocket close code for a peer that breaks the protocol (RFC 6455 policy violation). */
const POLICY_VIOLATION = 1008;
/** A page has a handful of requests open at once; a flood must not pile up work in the core. */
const MAX_REQUESTS_IN_FLIGHT = 32;

/**
 * One page = one softphone: a phone core whose windows and media host are that page. The
 * page's requests run through the contract dispatcher; the core's media requests go to the
 * page; snapshots are pushed as events. When the socket closes, the phone is disposed.
 */
export class IpcConnection {
  private readonly phone: HostedPhone;
  private readonly media: WireMediaLink;
  private readonly unsubscribe: () => void;
  private disposal: Promise<void> | undefined;
  private inFlight = 0;

  constructor(
    private readonly socket: WebSocket,
    createPhone: HostedPhoneFactory,
    private readonly logger: Logger,
    mediaTimeoutMs?: number,
  ) {
    this.media = new WireMediaLink((message) => this.send(message), mediaTimeoutMs);
    this.phone = createPhone(this.media);
    this.unsubscribe = this.phone.onSnapshot((snapshot) =>
      this.send({ kind: 'event', topic: 'phone.snapshot', payload: snapshot }),
    );
    socket.on('message', (data, isBinary) => this.onFrame(data, isBinary));
    socket.on('close', () => void this.dispose());
    socket.on('error', (error) => this.logger.warn('page socket error', { error: errorMessage(error) }));
    this.phone.start();
    this.send({ kind: 'event', topic: 'phone.snapshot', payload: this.phone.getSnapshot() });
  }

  /** Ends the page's phone (idempotent); resolves when the core has let go of everything. */
  dispose(): Promise<void> {
    this.disposal ??= (async () => {
      this.unsubscribe();
      this.media.close();
      if (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING) {
        this.socket.close(1001, 'host closing');
      }
      try {
        await this.phone.dispose();
      } catch (error) {
        this.logger.error('phone dispose failed', { error: errorMessage(error) });
      }
    })();
    return this.disposal;
  }

  private send(message: WireMessage): void {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    this.socket.send(JSON.stringify(message), (error) => {
      if (error) this.logger.warn('send to page failed', { error: errorMessage(error) });
    });
  }

  private onFrame(data: WebSocket.RawData, isBinary: boolean): void {
    const frame = decodeFrame(data, isBinary);
    if (!frame.ok) {
      this.logger.warn('closing page connection: invalid message', { reason: frame.reason });
      this.socket.close(POLICY_VIOLATION, frame.reason);
      return;
    }
    const message = frame.message;
    switch (message.kind) {
      case 'request':
        void this.answer(message.id, message.method, message.args);
        return;
      case 'response':
        // the page speaks the same contract; unknown codes are mapped by unwrapMediaResult
        if (!this.media.settle(message.id, message.result as Result<unknown>)) {
          this.logger.debug('late media response ignored', { id: message.id });
        }
        return;
      case 'event':
        this.logger.debug('page event ignored', { topic: message.topic });
        return;
    }
  }

  private async answer(id: number, method: string, args: unknown): Promise<void> {
    if (this.inFlight >= MAX_REQUESTS_IN_FLIGHT) {
      this.send({ kind: 'response', id, result: fail('unavailable', '要求が多すぎます。しばらくしてからもう一度お試しください') });
      return;
    }
    this.inFlight += 1;
    let result: Result<unknown>;
    try {
      result = await dispatchRequest(ipcRequests, this.phone.handlers, method, args);
    } finally {
      this.inFlight -= 1;
    }
    this.send({ kind: 'response', id, result });
  }
}
