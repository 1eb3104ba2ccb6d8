/**
 * Requests sent over a message channel and waiting for their answer by id (the browser host's
 * WebSocket, both directions). Every request ends exactly once: with its answer (`settle`),
 * with the timeout outcome, with the outcome given to `settleAll` when the channel goes, or,
 * when sending it throws, with that error. Pure TypeScript: only the global timers.
 */
export class PendingRequests<T> {
  private nextId = 1;
  private readonly waiting = new Map<number, { finish: (outcome: T) => void; timer: ReturnType<typeof setTimeout> }>();

  /**
   * Start one request: `send(id)` puts it on the wire; the promise resolves with the answer
   * settled for that id, or with `timedOut()` after `timeoutMs`.
   */
  start(timeoutMs: number, timedOut: () => T, send: (id: number) => void): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (this.waiting.delete(id)) resolve(timedOut());
      }, timeoutMs);
      this.waiting.set(id, { finish: resolve, timer });
      try {
        send(id);
      } catch (error) {
        // nothing will ever answer a request that was not sent
        this.waiting.delete(id);
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  /** The answer for `id`; false when nothing waits for it (answered late, or an unknown id). */
  settle(id: number, outcome: T): boolean {
    const entry = this.waiting.get(id);
    if (!entry) return false;
    this.waiting.delete(id);
    clearTimeout(entry.timer);
    entry.finish(outcome);
    return true;
  }

  /** The channel is gone: end every waiting request with `outcome`. */
  settleAll(outcome: T): void {
    const entries = [...this.waiting.values()];
    this.waiting.clear();
    for (const entry of entries) {
      clearTimeout(entry.timer);
      entry.finish(outcome);
    }
  }

  get size(): number {
    return this.waiting.size;
  }
}
