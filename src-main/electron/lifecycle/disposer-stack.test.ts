import { describe, expect, it } from 'vitest';
import { DisposerStack } from './disposer-stack.js';

describe('DisposerStack', () => {
  it('undoes in reverse order, keeps going past a failing step and reports it, and empties', () => {
    const order: string[] = [];
    const errors: unknown[] = [];
    const stack = new DisposerStack((error) => errors.push(error));
    stack.push(() => order.push('first'));
    stack.push(() => {
      throw new Error('boom');
    });
    stack.push(() => order.push('last'));
    stack.disposeAll();
    expect(order).toEqual(['last', 'first']);
    expect(errors).toHaveLength(1);
    expect(stack.size).toBe(0);
    stack.disposeAll();
    expect(order).toEqual(['last', 'first']);
  });
});
