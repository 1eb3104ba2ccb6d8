/**
 * Stateless nonces can be replayed until they expire; this remembers the highest nonce count
 * seen per nonce (RFC 7616 §3.4: the server should reject a repeated nc). Bounded in size: the
 * oldest entries go first, and an evicted nonce only loses replay protection, never validity.
 */
export class NonceReplayGuard {
  private readonly seen = new Map<string, { count: number; forgetAtMs: number }>();

  constructor(private readonly maxEntries: number) {}

  /** True when `ncHex` is higher than every count used with this nonce so far. */
  accept(nonce: string, ncHex: string, nowMs: number, rememberMs: number): boolean {
    this.forgetExpired(nowMs);
    const count = parseInt(ncHex, 16);
    if (!Number.isFinite(count) || count <= 0) return false;
    const entry = this.seen.get(nonce);
    if (entry && count <= entry.count) return false;
    if (entry) {
      entry.count = count;
    } else {
      this.seen.set(nonce, { count, forgetAtMs: nowMs + rememberMs });
      if (this.seen.size > this.maxEntries) {
        const oldest = this.seen.keys().next().value;
        if (oldest !== undefined) this.seen.delete(oldest);
      }
    }
    return true;
  }

  get size(): number {
    return this.seen.size;
  }

  private forgetExpired(nowMs: number): void {
    for (const [nonce, entry] of this.seen) {
      if (entry.forgetAtMs > nowMs) break; // insertion order = expiry order
      this.seen.delete(nonce);
    }
  }
}
