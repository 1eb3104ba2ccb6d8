import { describe, expect, it } from 'vitest';
import { bearerToken, hashSessionToken, issueSessionToken, SESSION_TOKEN_PATTERN } from './session-token.js';

describe('session tokens', () => {
  it('issues distinct 256-bit base64url tokens with their SHA-256', () => {
    const first = issueSessionToken();
    const second = issueSessionToken();
    expect(first.token).toMatch(SESSION_TOKEN_PATTERN);
    expect(first.token).not.toBe(second.token);
    expect(first.tokenHash).toHaveLength(32);
    expect(first.tokenHash.equals(hashSessionToken(first.token))).toBe(true);
  });

  it('reads only well-formed bearer headers', () => {
    const { token } = issueSessionToken();
    expect(bearerToken(`Bearer ${token}`)).toBe(token);
    expect(bearerToken(`bearer  ${token} `)).toBe(token);
    for (const header of [undefined, '', 'Bearer', `Basic ${token}`, `Bearer ${token}x`, `Bearer ${token} extra`]) {
      expect(bearerToken(header)).toBeUndefined();
    }
  });
});
