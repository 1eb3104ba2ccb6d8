/**
 * Lockout after repeated authentication failures (DESIGN.md §7). Keyed by peer address and
 * username, so one attacker cannot lock a colleague out from elsewhere. Bounded in size.
 */
export interface FailureLimiterOptions {
  maxFailures: number;
  windowMs: number;
  lockoutMs: number;
  maxKeys: number;
}

export const DEFAULT_FAILURE_LIMITS: FailureLimiterOptions = {
  maxFailures: 10,
  windowMs: 5 * 60_000,
  lockoutMs: 5 * 60_000,
  maxKeys: 10_000,
};

interface FailureRecord {
  firstAtMs: number;
  count: number;
  lockedUntilMs: number;
}

export class AuthFailureLimiter {
  private readonly records = new Map<string, FailureRecord>();

  constructor(private readonly options: FailureLimiterOptions = DEFAULT_FAILURE_LIMITS) {}

  isLocked(key: string, nowMs: number): boolean {
    const record = this.records.get(key);
    return !!record && record.lockedUntilMs > nowMs;
  }

  recordFailure(key: string, nowMs: number): void {
    let record = this.records.get(key);
    if (!record || nowMs - record.firstAtMs > this.options.windowMs) {
      if (record && record.lockedUntilMs > nowMs) return;
      this.records.delete(key);
      record = { firstAtMs: nowMs, count: 0, lockedUntilMs: 0 };
      this.records.set(key, record);
      this.trim();
    }
    record.count += 1;
    if (record.count >= this.options.maxFailures) record.lockedUntilMs = nowMs + this.options.lockoutMs;
  }

  recordSuccess(key: string): void {
    this.records.delete(key);
  }

  private trim(): void {
    while (this.records.size > this.options.maxKeys) {
      const oldest = this.records.keys().next().value;
      if (oldest === undefined) return;
      this.records.delete(oldest);
    }
  }
}
