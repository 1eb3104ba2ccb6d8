/**
 * Channels (DESIGN.md §2): the concurrent outside calls of a tenant, incoming and outgoing, never
 * exceed its number of IDs. Internal calls never take one. A taken channel is given back by the
 * release function it came with (idempotent), on every way a call ends.
 */
export class ChannelTracker {
  private readonly inUse = new Map<number, number>();

  /** a release function, or undefined when all `capacity` channels of the tenant are in use */
  tryAcquire(tenantId: number, capacity: number): (() => void) | undefined {
    const used = this.inUse.get(tenantId) ?? 0;
    if (used >= capacity) return undefined;
    this.inUse.set(tenantId, used + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const now = (this.inUse.get(tenantId) ?? 1) - 1;
      if (now <= 0) this.inUse.delete(tenantId);
      else this.inUse.set(tenantId, now);
    };
  }

  inUseBy(tenantId: number): number {
    return this.inUse.get(tenantId) ?? 0;
  }

  /** every channel in use, all tenants (tests read it to prove nothing leaks) */
  get total(): number {
    let total = 0;
    for (const used of this.inUse.values()) total += used;
    return total;
  }
}
