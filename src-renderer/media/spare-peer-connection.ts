/**
 * Keeps one peer connection ready, created with `iceCandidatePoolSize` so its candidates are
 * gathered before a call needs them. Handing it out saves the ~100 ms of ICE gathering that
 * would otherwise sit between "dial" and the INVITE, and between "answer" and the 200 OK.
 * A spare older than `maxAgeMs` is replaced (its server-reflexive bindings may be stale).
 */
export class SparePeerConnection {
  private spare: { pc: RTCPeerConnection; createdAt: number } | null = null;
  private refillTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(
    private readonly create: () => RTCPeerConnection,
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.scheduleRefill();
  }

  /** A peer connection for a new session: the warm spare when there is a fresh one. */
  take(): RTCPeerConnection {
    const spare = this.spare;
    this.spare = null;
    this.scheduleRefill();
    if (spare && this.now() - spare.createdAt <= this.maxAgeMs && spare.pc.signalingState === 'stable') {
      return spare.pc;
    }
    spare?.pc.close();
    return this.create();
  }

  dispose(): void {
    this.disposed = true;
    if (this.refillTimer) clearTimeout(this.refillTimer);
    this.refillTimer = undefined;
    this.spare?.pc.close();
    this.spare = null;
  }

  /** Refill after the current negotiation has gone on, never in its way. */
  private scheduleRefill(): void {
    if (this.disposed || this.refillTimer) return;
    this.refillTimer = setTimeout(() => {
      this.refillTimer = undefined;
      if (this.disposed || this.spare) return;
      this.spare = { pc: this.create(), createdAt: this.now() };
    }, 0);
  }
}
