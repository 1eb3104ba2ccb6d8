import { describe, expect, it } from 'vitest';
import { windowKindFromArgv } from './window-argument.js';

describe('windowKindFromArgv', () => {
  it('reads the one --plusphone-window argument', () => {
    expect(windowKindFromArgv(['electron', '--plusphone-window=popup'])).toBe('popup');
  });

  it('is null when missing, unknown, empty or repeated', () => {
    expect(windowKindFromArgv(['electron'])).toBeNull();
    expect(windowKindFromArgv(['--plusphone-window=admin'])).toBeNull();
    expect(windowKindFromArgv(['--plusphone-window='])).toBeNull();
    expect(windowKindFromArgv(['--plusphone-window=main', '--plusphone-window=main'])).toBeNull();
  });
});
