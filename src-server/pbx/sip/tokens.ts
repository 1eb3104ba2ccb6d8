/** Random identifiers for SIP: branch, tag, Call-ID. Unguessable, so nobody can hijack a dialog. */
import { randomBytes } from 'node:crypto';

/** RFC 3261 §8.1.1.7: branches start with the magic cookie. */
export const BRANCH_COOKIE = 'z9hG4bK';

export function newBranch(): string {
  return `${BRANCH_COOKIE}${randomBytes(10).toString('hex')}`;
}

export function newTag(): string {
  return randomBytes(8).toString('hex');
}

export function newCallId(domain: string): string {
  return `${randomBytes(12).toString('hex')}@${domain}`;
}
