/**
 * Keeps a leg's received audio at real time when the PBX falls behind. wrtc hands each decoded
 * 10 ms frame to JavaScript through an unbounded queue; when the event loop is late, frames pile
 * up and then arrive in a rush, and forwarding every one of them (RTCAudioSource.onData costs
 * ~0.1 ms and more) makes the loop later still, until signalling waits tens of seconds
 * (bench/pbx-capacity.ts found it). Frames beyond real time plus a little slack are late audio
 * anyway: they are dropped, so overload costs audio, not the whole PBX.
 */
export interface FramePacerLimits {
  /** frames a second that pass (10 ms frames: 100) */
  perSecond: number;
  /** frames that may pass at once after a stall (jitter the loop is allowed) */
  burst: number;
}

export const DEFAULT_FRAME_PACE: FramePacerLimits = { perSecond: 100, burst: 25 };

export class FramePacer {
  private tokens: number;
  private lastMs: number | undefined;

  constructor(private readonly limits: FramePacerLimits = DEFAULT_FRAME_PACE) {
    this.tokens = limits.burst;
  }

  /** True when a frame arriving at `nowMs` should be forwarded. */
  admit(nowMs: number): boolean {
    if (this.lastMs !== undefined) {
      const elapsedMs = Math.max(0, nowMs - this.lastMs);
      this.tokens = Math.min(this.limits.burst, this.tokens + (elapsedMs * this.limits.perSecond) / 1000);
    }
    this.lastMs = nowMs;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
