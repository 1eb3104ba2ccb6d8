/**
 * Warm peer connections. A connection created with `iceCandidatePoolSize` gathers its host
 * candidates right away (~100 ms here); taking one that has already done so makes offer/answer
 * with complete candidates take a few milliseconds instead, which is most of a call's setup time.
 * Idle connections are recycled after a while so their candidates never go stale.
 */
import { RTCPeerConnection } from './wrtc.js';

export const PEER_CONNECTION_CONFIG: RTCConfiguration = {
  iceServers: [],
  bundlePolicy: 'max-bundle',
  rtcpMuxPolicy: 'require',
  iceCandidatePoolSize: 1,
};

interface WarmConnection {
  pc: RTCPeerConnection;
  createdAtMs: number;
}

export interface PeerConnectionPoolOptions {
  /** how many idle, pre-gathered connections to keep; 0 = always create on demand */
  size: number;
  maxIdleMs: number;
  now?: () => number;
}

export class PeerConnectionPool {
  private readonly idle: WarmConnection[] = [];
  private refillScheduled: NodeJS.Immediate | undefined;
  private closed = false;
  private readonly now: () => number;

  constructor(private readonly options: PeerConnectionPoolOptions) {
    this.now = options.now ?? Date.now;
    this.refill();
  }

  get idleCount(): number {
    return this.idle.length;
  }

  /** A connection for a new leg: a warm one when there is one, else a fresh one. */
  take(): RTCPeerConnection {
    if (this.closed) throw new Error('peer connection pool closed');
    const nowMs = this.now();
    let warm = this.idle.shift();
    while (warm && nowMs - warm.createdAtMs > this.options.maxIdleMs) {
      warm.pc.close();
      warm = this.idle.shift();
    }
    this.scheduleRefill();
    return warm?.pc ?? new RTCPeerConnection(PEER_CONNECTION_CONFIG);
  }

  close(): void {
    this.closed = true;
    if (this.refillScheduled) clearImmediate(this.refillScheduled);
    this.refillScheduled = undefined;
    for (const warm of this.idle.splice(0)) warm.pc.close();
  }

  private scheduleRefill(): void {
    if (this.refillScheduled || this.closed) return;
    // Not now: creating a connection costs a little, and the caller is in the middle of a call setup.
    this.refillScheduled = setImmediate(() => {
      this.refillScheduled = undefined;
      this.refill();
    });
  }

  private refill(): void {
    while (!this.closed && this.idle.length < this.options.size) {
      this.idle.push({ pc: new RTCPeerConnection(PEER_CONNECTION_CONFIG), createdAtMs: this.now() });
    }
  }
}
