/**
 * Keeps Windows from suspending while a call is up (a sleeping PC drops the call): one
 * power-save blocker from the first live line until the last one ends.
 */
import type { PhoneSnapshot } from '../../../src-shared/domain/phone-snapshot.js';

export interface PowerSaveBlockerLike {
  start(type: 'prevent-app-suspension' | 'prevent-display-sleep'): number;
  stop(id: number): void;
}

export const hasLiveCall = (snapshot: PhoneSnapshot): boolean => snapshot.lines.some((line) => line.state !== 'ended');

export class CallPowerGuard {
  private blockerId: number | null = null;

  constructor(private readonly blocker: PowerSaveBlockerLike) {}

  get isBlocking(): boolean {
    return this.blockerId !== null;
  }

  update(snapshot: PhoneSnapshot): void {
    const live = hasLiveCall(snapshot);
    if (live && this.blockerId === null) this.blockerId = this.blocker.start('prevent-app-suspension');
    else if (!live) this.release();
  }

  dispose(): void {
    this.release();
  }

  private release(): void {
    if (this.blockerId === null) return;
    this.blocker.stop(this.blockerId);
    this.blockerId = null;
  }
}
