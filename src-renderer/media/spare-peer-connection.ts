/**
 * Keeps peer connections ready, created with `iceCandidatePoolSize` so their candidates are
 * gathered before a call needs them. Handing one out saves the ~100 ms of ICE gathering that
 * would otherwise sit between "dial" and the INVITE, and between "answer" and the 200 OK.
 * Gathering takes ~100–150 ms from creation, so with `keep` = 2 a call that follows the previous
 * one quickly (a redial, a consultation call) still gets a connection made a whole call earlier.
 * A spare older than `maxAgeMs` is replaced (its server-reflexive bindings may be stale).
 */
export class SparePeerConnection {
  /** oldest first */
  private spares: Array<{ pc: RTCPeerConnection; createdAt: number }> = [];
  private refillTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(
    private readonly create: () => RTCPeerConnection,
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
    private readonly keep = 1,
  ) {
    this.scheduleRefill();
  }

  /** A peer connection for a new session: the oldest fresh spare when there is one. */
  take(): RTCPeerConnection {
    let taken: RTCPeerConnection | undefined;
    while (!taken && this.spares.length > 0) {
      const spare = this.spares.shift()!;
      if (this.now() - spare.createdAt <= this.maxAgeMs && spare.pc.signalingState === 'stable') taken = spare.pc;
      else spare.pc.close();
    }
    this.scheduleRefill();
    return taken ?? this.create();
  }

  dispose(): void {
    this.disposed = true;
    if (this.refillTimer) clearTimeout(this.refillTimer);
    this.refillTimer = undefined;
    for (const spare of this.spares.splice(0)) spare.pc.close();
  }

  /** Refill after the current negotiation has gone on, never in its way. */
  private scheduleRefill(): void {
    if (this.disposed || this.refillTimer) return;
    this.refillTimer = setTimeout(() => {
      this.refillTimer = undefined;
      while (!this.disposed && this.spares.length < this.keep) this.spares.push({ pc: this.create(), createdAt: this.now() });
    }, 0);
  }
}
