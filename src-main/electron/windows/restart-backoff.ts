export interface RestartBackoffOptions {
  /** delay before the second restart in a row; doubles after that */
  baseMs: number;
  maxMs: number;
  /** a window that lived this long since the last failure counts as healthy again */
  stableMs: number;
}

const DEFAULTS: RestartBackoffOptions = { baseMs: 1_000, maxMs: 30_000, stableMs: 60_000 };

/**
 * How long to wait before re-creating a window whose renderer died: at once the first time,
 * then 1 s, 2 s, 4 s … up to 30 s while it keeps dying, so a page that crashes on load does not
 * spin the CPU; back to "at once" after a minute without failure.
 */
export class RestartBackoff {
  private readonly options: RestartBackoffOptions;
  private failures = 0;
  private lastFailureAt: number | null = null;

  constructor(options: Partial<RestartBackoffOptions> = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Record a failure at `now` and return the delay before the next restart. */
  nextDelay(now: number): number {
    if (this.lastFailureAt !== null && now - this.lastFailureAt >= this.options.stableMs) this.failures = 0;
    const delay = this.failures === 0 ? 0 : Math.min(this.options.maxMs, this.options.baseMs * 2 ** (this.failures - 1));
    this.failures += 1;
    this.lastFailureAt = now;
    return delay;
  }
}
