import { describe, expect, it } from 'vitest';
import { createRequestGuard } from './request-guard.js';

describe('browser host request guard', () => {
  const guard = createRequestGuard('127.0.0.1', 7081);

  it('accepts the host under its loopback names', () => {
    expect(guard.isAllowedHost('127.0.0.1:7081')).toBe(true);
    expect(guard.isAllowedHost('localhost:7081')).toBe(true);
    expect(guard.isAllowedHost('[::1]:7081')).toBe(true);
  });

  it('refuses other names (DNS rebinding) and other ports', () => {
    expect(guard.isAllowedHost('evil.example:7081')).toBe(false);
    expect(guard.isAllowedHost('127.0.0.1:9999')).toBe(false);
    expect(guard.isAllowedHost(undefined)).toBe(false);
  });

  it('takes WebSockets only from its own origin (no cross-site hijacking)', () => {
    expect(guard.isAllowedOrigin('http://127.0.0.1:7081', '127.0.0.1:7081')).toBe(true);
    expect(guard.isAllowedOrigin('https://evil.example', '127.0.0.1:7081')).toBe(false);
    expect(guard.isAllowedOrigin('http://localhost:7081', '127.0.0.1:7081')).toBe(false);
    expect(guard.isAllowedOrigin(undefined, '127.0.0.1:7081')).toBe(false);
  });
});
