import { createHash, randomBytes } from 'node:crypto';

/**
 * Bearer tokens: 256 random bits, base64url. Only their SHA-256 is stored, so a copy of the
 * database does not let anyone act as a logged-in softphone.
 */
export const SESSION_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function issueSessionToken(): { token: string; tokenHash: Buffer } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashSessionToken(token) };
}

export function hashSessionToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** The token of an `Authorization: Bearer <token>` header, if well-formed. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer +(\S+)\s*$/i.exec(authorization ?? '');
  const token = match?.[1];
  return token !== undefined && SESSION_TOKEN_PATTERN.test(token) ? token : undefined;
}
