import type { MediaArgs, MediaMethod, MediaResult } from '../../src-shared/contract/media-contract.js';
import { ContractFailure, type Result } from '../../src-shared/contract/result.js';
import type { WireMessage } from '../../src-shared/contract/wire.js';
import { unwrapMediaResult, type MediaHostLink } from '../core/media/media-host-link.js';

interface PendingMediaRequest {
  resolve: (result: Result<unknown>) => void;
  reject: (failure: ContractFailure) => void;
  timer: ReturnType<typeof setTimeout>;
}

/** First media request can wait for microphone permission and ICE gathering in the page. */
const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * The core's link to a media host that lives in a browser page, over the page's WebSocket:
 * requests carry ids, answers are matched to them, silence ends in ContractFailure('timeout').
 */
export class WireMediaLink implements MediaHostLink {
  private nextId = 1;
  private readonly pending = new Map<number, PendingMediaRequest>();
  private closed = false;

  constructor(
    private readonly send: (message: WireMessage) => void,
    private readonly timeoutMs = DEFAULT_TIMEOUT_MS,
  ) {}

  async request<M extends MediaMethod>(method: M, args: MediaArgs<M>): Promise<MediaResult<M>> {
    if (this.closed) throw new ContractFailure('unavailable', '音声処理との接続が切れています');
    const id = this.nextId++;
    const result = await new Promise<Result<unknown>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new ContractFailure('timeout', `音声処理が応答しません (${method})`));
      }, this.timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.send({ kind: 'request', id, method, args });
    });
    return unwrapMediaResult<M>(result);
  }

  /** An answer from the page; false when nothing waits for it (late or unknown id). */
  settle(id: number, result: Result<unknown>): boolean {
    const pending = this.pending.get(id);
    if (!pending) return false;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    pending.resolve(result);
    return true;
  }

  /** The page is gone: fail what is waiting and everything asked from now on. */
  close(): void {
    this.closed = true;
    for (const pending of this.pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(new ContractFailure('unavailable', '音声処理との接続が切れました'));
    }
    this.pending.clear();
  }
}
