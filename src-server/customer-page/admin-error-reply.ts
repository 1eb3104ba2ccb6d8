import { errorReply, type ApiReply } from '../http/api-reply.js';
import type { AdminError } from '../store/tenant-admin.js';

/**
 * HTTP status of a refused change: the input itself is wrong → 400; it clashes with the
 * tenant's current state (a limit, a duplicate, the one 契約番号) → 409; unknown or another
 * tenant's → 404 (never revealing which).
 */
const CONFLICTS = new Set<string>([
  'rule-contract-number',
  'rule-basic-id',
  'rule-additional-number-limit',
  'rule-extension-unique',
  'rule-number-in-use',
  'rule-number-block-full',
  'rule-softphone-option',
]);

export function adminErrorReply(error: AdminError): ApiReply {
  if (error.code === 'not-found') return errorReply(404, 'not-found', error.message);
  return errorReply(CONFLICTS.has(error.code) ? 409 : 400, error.code, error.message);
}
