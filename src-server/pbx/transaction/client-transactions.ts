/**
 * Client transactions (RFC 3261 §17.1) over a reliable transport: responses are matched by our
 * Via branch and the CSeq method. Timer B/F remain (64·T1): a peer that never answers must not
 * hold a call forever. One table per connection: responses only count on the connection we sent on.
 */
import { type SipResponse } from '../sip/message.js';

export const TRANSACTION_TIMEOUT_MS = 32_000;

export interface ClientTransactionHandlers {
  onResponse(response: SipResponse): void;
  /** no final response in time (non-INVITE) / no response at all in time (INVITE) */
  onTimeout(): void;
}

export interface ClientTransactionHandle {
  /** stop matching responses (INVITE transactions stay until their leg lets them go) */
  dispose(): void;
}

interface Entry {
  method: string;
  handlers: ClientTransactionHandlers;
  timer: NodeJS.Timeout | undefined;
}

export class ClientTransactionTable {
  private readonly byKey = new Map<string, Entry>();

  constructor(private readonly timeoutMs = TRANSACTION_TIMEOUT_MS) {}

  get size(): number {
    return this.byKey.size;
  }

  start(branch: string, method: string, handlers: ClientTransactionHandlers): ClientTransactionHandle {
    const k = key(branch, method);
    const entry: Entry = { method, handlers, timer: undefined };
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      if (method !== 'INVITE') this.byKey.delete(k);
      handlers.onTimeout();
    }, this.timeoutMs);
    entry.timer.unref();
    this.byKey.set(k, entry);
    return { dispose: () => this.remove(k, entry) };
  }

  /** Route a response to its transaction; false when none matches (the caller drops it). */
  dispatch(response: SipResponse): boolean {
    const k = key(response.branch, response.cseqMethod);
    const entry = this.byKey.get(k);
    if (!entry) return false;
    // INVITE: any response stops Timer B. Non-INVITE: only a final one stops Timer F.
    if (entry.timer && (entry.method === 'INVITE' || response.status >= 200)) {
      clearTimeout(entry.timer);
      entry.timer = undefined;
    }
    // A non-INVITE transaction ends with its final response; an INVITE one is kept so a repeated
    // 2xx can still be acknowledged.
    if (entry.method !== 'INVITE' && response.status >= 200) this.byKey.delete(k);
    entry.handlers.onResponse(response);
    return true;
  }

  dispose(): void {
    for (const entry of this.byKey.values()) if (entry.timer) clearTimeout(entry.timer);
    this.byKey.clear();
  }

  private remove(k: string, entry: Entry): void {
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = undefined;
    if (this.byKey.get(k) === entry) this.byKey.delete(k);
  }
}

function key(branch: string, method: string): string {
  return `${branch}\n${method}`;
}
