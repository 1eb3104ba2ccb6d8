/**
 * How many SIP messages one connection may send: a token bucket. A softphone sends a handful a
 * minute (REGISTER, SUBSCRIBE refreshes, a call's requests) and at most a burst of a few hundred
 * (subscribing to every colleague at login); a client pushing thousands a second only takes
 * server time from everyone else, so what is over budget is dropped, and a client that keeps
 * pushing after that is disconnected.
 */
export interface MessageBudgetLimits {
  /** messages accepted at once from a full bucket */
  burst: number;
  /** messages per second the bucket refills with */
  perSecond: number;
  /**
   * messages dropped since the bucket was last full after which the connection is cut: a client
   * that overran once and then slowed down is forgiven, one that keeps overrunning is not
   */
  maxDropped: number;
}

export const DEFAULT_MESSAGE_BUDGET: MessageBudgetLimits = { burst: 500, perSecond: 50, maxDropped: 500 };

export type BudgetVerdict = 'accept' | 'drop' | 'disconnect';

export class MessageBudget {
  private tokens: number;
  private refilledAtMs: number;
  private droppedSinceFull = 0;
  private droppedTotal = 0;

  constructor(
    private readonly limits: MessageBudgetLimits,
    nowMs: number,
  ) {
    this.tokens = limits.burst;
    this.refilledAtMs = nowMs;
  }

  get dropped(): number {
    return this.droppedTotal;
  }

  /** Spend one token on a message that arrived at `nowMs`. */
  take(nowMs: number): BudgetVerdict {
    const elapsedMs = Math.max(0, nowMs - this.refilledAtMs);
    this.tokens = Math.min(this.limits.burst, this.tokens + (elapsedMs * this.limits.perSecond) / 1000);
    this.refilledAtMs = nowMs;
    if (this.tokens >= this.limits.burst) this.droppedSinceFull = 0;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 'accept';
    }
    this.droppedSinceFull += 1;
    this.droppedTotal += 1;
    return this.droppedSinceFull >= this.limits.maxDropped ? 'disconnect' : 'drop';
  }
}
