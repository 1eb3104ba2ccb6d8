import type { MediaArgs, MediaMethod, MediaResult } from '../../../src-shared/contract/media-contract.js';
import { ContractFailure, type Result } from '../../../src-shared/contract/result.js';
import { wireMessage } from '../../../src-shared/contract/wire.js';
import type { Logger } from '../../core/logging/logger.js';
import { unwrapMediaResult, type MediaHostLink } from '../../core/media/media-host-link.js';
import type { IpcMainLike, IpcSenderEvent, WebContentsLike } from '../electron-api.js';
import type { Clock } from '../lifecycle/clock.js';
import { MEDIA_HOST_READY_TOPIC, MEDIA_RPC_CHANNEL } from './media-rpc-channel.js';

/** Enough for ICE gathering and a cold microphone start; a dead page fails much sooner (onHostGone). */
export const DEFAULT_MEDIA_REQUEST_TIMEOUT_MS = 10_000;

interface PendingRequest {
  readonly method: MediaMethod;
  readonly args: unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly timer: unknown;
  sent: boolean;
}

/**
 * The core's MediaHostLink over Electron IPC to the hidden media window. Requests carry ids;
 * answers are matched to them. Requests made before the page serves (start-up, after a
 * re-creation) wait for its ready event. Every request ends: with the answer, with
 * ContractFailure('timeout'), or with 'unavailable' when the host dies or the link closes.
 */
export class ElectronMediaHostLink implements MediaHostLink {
  private readonly pending = new Map<number, PendingRequest>();
  private nextId = 1;
  private ready = false;
  /** a host was gone since the last ready event: the next one is a restart */
  private lostHost = false;
  private listening = false;
  private closed = false;

  constructor(
    private readonly deps: {
      ipcMain: IpcMainLike;
      /** the media window's web contents, or null while there is none */
      target: () => WebContentsLike | null;
      /** is this message from the media window's own page? */
      isMediaSender: (event: IpcSenderEvent) => boolean;
      clock: Clock;
      logger: Logger;
      timeoutMs?: number;
      /** a media host serves again after one was gone (re-created): calls must renegotiate */
      onHostRestarted?: () => void;
    },
  ) {}

  start(): void {
    if (this.listening || this.closed) return;
    this.deps.ipcMain.on(MEDIA_RPC_CHANNEL, this.onMessage);
    this.listening = true;
  }

  request<M extends MediaMethod>(method: M, args: MediaArgs<M>): Promise<MediaResult<M>> {
    if (this.closed) return Promise.reject(new ContractFailure('unavailable', 'メディア処理は終了しています (media link closed)'));
    const id = this.nextId++;
    return new Promise<MediaResult<M>>((resolve, reject) => {
      const timeoutMs = this.deps.timeoutMs ?? DEFAULT_MEDIA_REQUEST_TIMEOUT_MS;
      const timer = this.deps.clock.setTimeout(() => {
        if (!this.pending.delete(id)) return;
        reject(new ContractFailure('timeout', `メディア処理が応答しません (media host timeout: ${method})`));
      }, timeoutMs);
      this.pending.set(id, { method, args, resolve: resolve as (value: unknown) => void, reject, timer, sent: false });
      if (this.ready) this.send(id);
    });
  }

  /** The media window died or is being replaced: what it was doing will never be answered. */
  onHostGone(reason: string): void {
    this.ready = false;
    this.lostHost = true;
    this.failAll(new ContractFailure('unavailable', `メディア処理が停止しました (media host gone: ${reason})`));
  }

  /** Requests waiting for an answer (diagnostics and tests). */
  pendingCount(): number {
    return this.pending.size;
  }

  dispose(): void {
    this.closed = true;
    this.ready = false;
    if (this.listening) this.deps.ipcMain.removeListener(MEDIA_RPC_CHANNEL, this.onMessage);
    this.listening = false;
    this.failAll(new ContractFailure('unavailable', 'メディア処理は終了しています (media link closed)'));
  }

  private readonly onMessage = (event: IpcSenderEvent, raw: unknown): void => {
    if (!this.deps.isMediaSender(event)) {
      this.deps.logger.warn('ignored a media message from an untrusted sender', {
        url: event.senderFrame?.url.slice(0, 200) ?? null,
      });
      return;
    }
    const parsed = wireMessage.safeParse(raw);
    if (!parsed.success) {
      this.deps.logger.warn('ignored a malformed media message');
      return;
    }
    const message = parsed.data;
    if (message.kind === 'event' && message.topic === MEDIA_HOST_READY_TOPIC) {
      this.ready = true;
      for (const [id, request] of this.pending) if (!request.sent) this.send(id);
      if (this.lostHost) {
        this.lostHost = false;
        this.deps.onHostRestarted?.();
      }
    } else if (message.kind === 'response') {
      const request = this.pending.get(message.id);
      if (request === undefined) return; // already timed out or failed
      this.settle(message.id);
      try {
        // the wire carries any error code as a string; unwrapMediaResult maps unknown ones to 'internal'
        request.resolve(unwrapMediaResult(message.result as Result<unknown>));
      } catch (error) {
        request.reject(error as Error);
      }
    }
  };

  private send(id: number): void {
    const request = this.pending.get(id);
    if (request === undefined) return;
    const target = this.deps.target();
    if (target === null || target.isDestroyed()) {
      // the window is being replaced; its successor's ready event sends this
      this.ready = false;
      return;
    }
    try {
      target.send(MEDIA_RPC_CHANNEL, { kind: 'request', id, method: request.method, args: request.args });
      request.sent = true;
    } catch (error) {
      this.settle(id);
      request.reject(new ContractFailure('internal', `メディア処理に送れません (cannot send ${request.method}: ${String(error)})`));
    }
  }

  private settle(id: number): void {
    const request = this.pending.get(id);
    if (request === undefined) return;
    this.deps.clock.clearTimeout(request.timer);
    this.pending.delete(id);
  }

  private failAll(error: ContractFailure): void {
    for (const [id, request] of [...this.pending]) {
      this.settle(id);
      request.reject(error);
    }
  }
}
