import type { MediaArgs, MediaMethod, MediaResult } from '../../src-shared/contract/media-contract.js';
import { PendingRequests } from '../../src-shared/contract/pending-requests.js';
import { ContractFailure, fail, type Result } from '../../src-shared/contract/result.js';
import type { WireMessage } from '../../src-shared/contract/wire.js';
import { unwrapMediaResult, type MediaHostLink } from '../core/media/media-host-link.js';

/** First media request can wait for microphone permission and ICE gathering in the page. */
const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * The core's link to a media host that lives in a browser page, over the page's WebSocket:
 * requests carry ids, answers are matched to them, silence ends in ContractFailure('timeout').
 */
export class WireMediaLink implements MediaHostLink {
  private readonly pending = new PendingRequests<Result<unknown>>();
  private closed = false;

  constructor(
    private readonly send: (message: WireMessage) => void,
    private readonly timeoutMs = DEFAULT_TIMEOUT_MS,
  ) {}

  async request<M extends MediaMethod>(method: M, args: MediaArgs<M>): Promise<MediaResult<M>> {
    if (this.closed) throw new ContractFailure('unavailable', '音声処理との接続が切れています');
    let result: Result<unknown>;
    try {
      result = await this.pending.start(
        this.timeoutMs,
        () => fail('timeout', `音声処理が応答しません (${method})`),
        (id) => this.send({ kind: 'request', id, method, args }),
      );
    } catch {
      throw new ContractFailure('unavailable', '音声処理との接続が切れています');
    }
    return unwrapMediaResult<M>(result);
  }

  /** An answer from the page; false when nothing waits for it (late or unknown id). */
  settle(id: number, result: Result<unknown>): boolean {
    return this.pending.settle(id, result);
  }

  /** The page is gone: fail what is waiting and everything asked from now on. */
  close(): void {
    this.closed = true;
    this.pending.settleAll(fail('unavailable', '音声処理との接続が切れました'));
  }
}
