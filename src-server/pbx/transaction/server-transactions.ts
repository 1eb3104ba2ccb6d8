/**
 * Server transactions (RFC 3261 §17.2) over a reliable transport: no retransmission timers, but
 * requests are matched by top Via branch + sent-by + method so a repeated request gets the last
 * response again, a CANCEL finds its INVITE, and the ACK for a non-2xx final is absorbed.
 * One table per connection: a branch from another connection never matches.
 */
import { type SipRequest } from '../sip/message.js';
import { serializeResponse, type ResponseSpec } from '../sip/serialize.js';

export interface SipSender {
  send(text: string): boolean;
}

/** Timer H: how long an INVITE transaction with a non-2xx final waits for its ACK. */
const ACK_WAIT_MS = 32_000;

export class ServerTransaction {
  private lastResponse: string | undefined;
  private finalStatus: number | undefined;
  /** set by the transaction user of an INVITE: called when a CANCEL for it arrives in time */
  onCancel: (() => void) | undefined;
  /** the To tag our responses carry (the 200 to a CANCEL repeats it) */
  private toTag: string | undefined;

  constructor(
    readonly request: SipRequest,
    private readonly sender: SipSender,
    private readonly onFinal: (tx: ServerTransaction, status: number) => void,
  ) {}

  get isFinal(): boolean {
    return this.finalStatus !== undefined;
  }

  get status(): number | undefined {
    return this.finalStatus;
  }

  get localTag(): string | undefined {
    return this.toTag;
  }

  /** Send a response; after a final one, further responses are ignored. */
  respond(spec: ResponseSpec): boolean {
    if (this.finalStatus !== undefined) return false;
    const text = serializeResponse(this.request.basis, spec);
    this.lastResponse = text;
    if (spec.toTag && spec.status > 100) this.toTag = spec.toTag;
    if (spec.status >= 200) {
      this.finalStatus = spec.status;
      this.onCancel = undefined;
      this.onFinal(this, spec.status);
    }
    return this.sender.send(text);
  }

  retransmitLast(): void {
    if (this.lastResponse) this.sender.send(this.lastResponse);
  }
}

export interface ServerTransactionLimits {
  /** requests without a final response, per connection */
  maxPending: number;
  /**
   * answered INVITE transactions kept for their ACK / retransmissions, per connection: a client
   * sending INVITEs as fast as it can (each one challenged with 407) must not grow memory for 32 s
   */
  maxCompleted: number;
}

const DEFAULT_LIMITS: ServerTransactionLimits = { maxPending: 64, maxCompleted: 256 };

export class ServerTransactionTable {
  private readonly byKey = new Map<string, ServerTransaction>();
  /** completed INVITE transactions waiting out Timer H, oldest first */
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly limits: ServerTransactionLimits;
  private disposed = false;

  constructor(
    private readonly sender: SipSender,
    limits: Partial<ServerTransactionLimits> = {},
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  /** The transaction this request belongs to (a retransmission, or the INVITE an ACK answers). */
  find(request: SipRequest): ServerTransaction | undefined {
    const method = request.method === 'ACK' ? 'INVITE' : request.method;
    return this.byKey.get(key(request.branch, request.sentBy, method));
  }

  /** RFC 3261 §9.2: the transaction a CANCEL cancels has the same branch and sent-by. */
  findCancelled(cancel: SipRequest): ServerTransaction | undefined {
    return this.byKey.get(key(cancel.branch, cancel.sentBy, 'INVITE'));
  }

  get pendingCount(): number {
    let pending = 0;
    for (const tx of this.byKey.values()) if (!tx.isFinal) pending++;
    return pending;
  }

  /** A new transaction, or undefined when this connection has too many requests in progress. */
  create(request: SipRequest): ServerTransaction | undefined {
    if (request.method === 'ACK') throw new Error('ACK does not create a server transaction');
    if (this.pendingCount >= this.limits.maxPending) return undefined;
    const k = key(request.branch, request.sentBy, request.method);
    const tx = new ServerTransaction(request, this.sender, (done) => this.finished(k, done));
    this.byKey.set(k, tx);
    return tx;
  }

  /** Answer a request statelessly (no transaction kept): used when the table is full or for junk. */
  replyStateless(request: SipRequest, spec: ResponseSpec): void {
    this.sender.send(serializeResponse(request.basis, spec));
  }

  dispose(): void {
    this.disposed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.byKey.clear();
  }

  private finished(k: string, tx: ServerTransaction): void {
    // Reliable transport: Timers I and J are zero. An INVITE transaction stays a while after its
    // final response: a non-2xx is acknowledged on this branch (Timer H) and that ACK must be
    // absorbed here; after a 2xx (RFC 6026 "Accepted") a repeated INVITE must not start a new call.
    // A final response sent after the connection closed (a call ending) has nothing to wait for.
    if (tx.request.method === 'INVITE' && !this.disposed) {
      this.forgetOldestCompleted();
      const timer = setTimeout(() => this.forget(k, tx), ACK_WAIT_MS);
      timer.unref();
      this.timers.set(k, timer);
      return;
    }
    this.forget(k, tx);
  }

  private forgetOldestCompleted(): void {
    while (this.timers.size >= this.limits.maxCompleted) {
      const oldest = this.timers.keys().next();
      if (oldest.done) return;
      const tx = this.byKey.get(oldest.value);
      clearTimeout(this.timers.get(oldest.value));
      this.timers.delete(oldest.value);
      if (tx?.isFinal) this.byKey.delete(oldest.value);
    }
  }

  private forget(k: string, tx: ServerTransaction): void {
    const timer = this.timers.get(k);
    if (timer) clearTimeout(timer);
    this.timers.delete(k);
    if (this.byKey.get(k) === tx) this.byKey.delete(k);
  }
}

function key(branch: string, sentBy: string, method: string): string {
  return `${branch}\n${sentBy.toLowerCase()}\n${method}`;
}
