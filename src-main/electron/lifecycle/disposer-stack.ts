/**
 * Undo steps collected while something starts (listeners added, handlers installed) and run
 * in reverse on dispose. One failing step does not stop the others; failures are reported.
 */
export class DisposerStack {
  private readonly steps: Array<() => void> = [];

  constructor(private readonly onError: (error: unknown) => void = () => undefined) {}

  push(step: () => void): void {
    this.steps.push(step);
  }

  get size(): number {
    return this.steps.length;
  }

  disposeAll(): void {
    while (this.steps.length > 0) {
      const step = this.steps.pop()!;
      try {
        step();
      } catch (error) {
        this.onError(error);
      }
    }
  }
}
