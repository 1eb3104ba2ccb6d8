/**
 * Runs async tasks one after another. Account operations (login, logout, dispose) go through
 * one queue so that a double-clicked login or a logout during login cannot interleave.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
