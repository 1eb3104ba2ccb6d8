import type { Logger } from './log/logger.js';

/**
 * Resources in the order they were opened; closeAll() closes them newest first, runs every step
 * even when one fails, and then reports the failures together.
 */
export class ShutdownStack {
  private readonly steps: { name: string; close: () => Promise<void> | void }[] = [];

  constructor(private readonly logger: Logger) {}

  push(name: string, close: () => Promise<void> | void): void {
    this.steps.push({ name, close });
  }

  async closeAll(): Promise<void> {
    const failures: unknown[] = [];
    for (let step = this.steps.pop(); step; step = this.steps.pop()) {
      try {
        await step.close();
      } catch (error) {
        failures.push(error);
        this.logger.error('shutdown step failed', { resource: step.name, error });
      }
    }
    if (failures.length > 0) throw new AggregateError(failures, 'server did not close cleanly');
  }
}
