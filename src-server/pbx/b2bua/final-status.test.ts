import { describe, expect, it } from 'vitest';
import { finalStatusForFailures } from './final-status.js';

describe('finalStatusForFailures', () => {
  it('busy wins over everything', () => {
    expect(finalStatusForFailures([480, 603, 486])).toBe(486);
    expect(finalStatusForFailures([600])).toBe(486);
  });
  it('declined when nobody was busy', () => {
    expect(finalStatusForFailures([480, 603, 408])).toBe(603);
  });
  it('otherwise unavailable', () => {
    expect(finalStatusForFailures([408, 500, 480])).toBe(480);
    expect(finalStatusForFailures([])).toBe(480);
  });
});
