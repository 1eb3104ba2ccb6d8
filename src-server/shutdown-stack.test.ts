import { describe, expect, it } from 'vitest';
import { createSilentLogger } from './log/logger.js';
import { ShutdownStack } from './shutdown-stack.js';

describe('ShutdownStack', () => {
  it('closes newest first, keeps going past failures, then reports them', async () => {
    const closed: string[] = [];
    const stack = new ShutdownStack(createSilentLogger());
    stack.push('database', () => void closed.push('database'));
    stack.push('http', async () => {
      closed.push('http');
      throw new Error('socket stuck');
    });
    stack.push('pbx', async () => void closed.push('pbx'));
    await expect(stack.closeAll()).rejects.toThrow('server did not close cleanly');
    expect(closed).toEqual(['pbx', 'http', 'database']);
    await expect(stack.closeAll()).resolves.toBeUndefined();
    expect(closed).toHaveLength(3);
  });
});
