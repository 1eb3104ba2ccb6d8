/**
 * Counts failed logins per key (login ID + client address) in a fixed window, and refuses
 * further attempts once the limit is reached until the window ends. In memory: a restart
 * forgets it, which is acceptable for a brute-force brake (the scrypt cost is the other one).
 */
export interface LoginThrottleOptions {
  maxFailures?: number;
  windowMs?: number;
  /** bound on remembered keys, so a flood of distinct keys cannot exhaust memory */
  maxKeys?: number;
  now?: () => number;
}

interface Window {
  startedAt: number;
  failures: number;
}

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterMs: number };

export class LoginThrottle {
  private readonly windows = new Map<string, Window>();
  private readonly maxFailures: number;
  private readonly windowMs: number;
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(options: LoginThrottleOptions = {}) {
    this.maxFailures = options.maxFailures ?? 10;
    this.windowMs = options.windowMs ?? 5 * 60_000;
    this.maxKeys = options.maxKeys ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  check(key: string): ThrottleVerdict {
    const window = this.liveWindow(key);
    if (!window || window.failures < this.maxFailures) return { allowed: true };
    return { allowed: false, retryAfterMs: window.startedAt + this.windowMs - this.now() };
  }

  recordFailure(key: string): void {
    const window = this.liveWindow(key);
    if (window) {
      window.failures += 1;
      return;
    }
    this.makeRoom();
    this.windows.set(key, { startedAt: this.now(), failures: 1 });
  }

  recordSuccess(key: string): void {
    this.windows.delete(key);
  }

  private liveWindow(key: string): Window | undefined {
    const window = this.windows.get(key);
    if (window && this.now() - window.startedAt >= this.windowMs) {
      this.windows.delete(key);
      return undefined;
    }
    return window;
  }

  private makeRoom(): void {
    if (this.windows.size < this.maxKeys) return;
    const now = this.now();
    for (const [key, window] of this.windows) {
      if (now - window.startedAt >= this.windowMs) this.windows.delete(key);
    }
    // Still full: forget the oldest (Map keeps insertion order).
    while (this.windows.size >= this.maxKeys) {
      const oldest = this.windows.keys().next();
      if (oldest.done) break;
      this.windows.delete(oldest.value);
    }
  }
}
