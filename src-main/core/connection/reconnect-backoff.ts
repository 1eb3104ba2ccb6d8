/**
 * When to try again after the SIP connection was lost: capped exponential backoff with
 * "decorrelated jitter" (each delay is drawn between the base and three times the previous one,
 * never above the cap). Jitter spreads the reconnects of many phones after a server restart;
 * the cap bounds how long a phone stays away once the server is back.
 */
export interface BackoffPolicy {
  /** the smallest delay and the start of the growth (default 500 ms) */
  initialDelayMs: number;
  /** no delay is ever longer (default 30 s) */
  maxDelayMs: number;
}

export const DEFAULT_BACKOFF_POLICY: Readonly<BackoffPolicy> = Object.freeze({ initialDelayMs: 500, maxDelayMs: 30_000 });

export class ReconnectBackoff {
  private previousMs = 0;
  private attempts = 0;

  /** `random` returns [0, 1) like Math.random; injected so tests know every delay. */
  constructor(
    private readonly policy: BackoffPolicy,
    private readonly random: () => number,
  ) {
    if (!(policy.initialDelayMs > 0) || !(policy.maxDelayMs >= policy.initialDelayMs)) {
      throw new Error(`invalid backoff policy: ${policy.initialDelayMs} ms .. ${policy.maxDelayMs} ms`);
    }
  }

  /** attempts scheduled since the last reset */
  get attempt(): number {
    return this.attempts;
  }

  /**
   * The delay before the next attempt. The first after a reset is drawn from [0, base): a lost
   * connection is retried almost at once, but not by every phone at the same instant.
   */
  next(): number {
    const { initialDelayMs, maxDelayMs } = this.policy;
    const r = clampUnit(this.random());
    this.attempts += 1;
    const delay =
      this.attempts === 1
        ? r * initialDelayMs
        : Math.min(maxDelayMs, initialDelayMs + r * (Math.max(this.previousMs, initialDelayMs) * 3 - initialDelayMs));
    this.previousMs = Math.max(delay, initialDelayMs);
    return Math.round(delay);
  }

  reset(): void {
    this.previousMs = 0;
    this.attempts = 0;
  }
}

/** A broken random source must not produce a negative or endless delay. */
function clampUnit(value: number): number {
  if (!Number.isFinite(value) || value < 0) return 0;
  return value >= 1 ? 1 : value;
}
