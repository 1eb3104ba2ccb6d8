import type { LineEndReason } from '../../../src-shared/domain/phone-snapshot.js';

/**
 * The final failure response to our INVITE, as the reason the line shows. The UI words each
 * reason in Japanese (src-renderer/i18n); the status code itself is logged.
 */
export function endReasonForFailureStatus(statusCode: number): LineEndReason {
  switch (statusCode) {
    case 486: // Busy Here
    case 600: // Busy Everywhere
      return 'busy';
    case 404: // Not Found
    case 484: // Address Incomplete
    case 604: // Does Not Exist Anywhere
      return 'notFound';
    case 408: // no answer in time
    case 480: // nobody registered, or nobody answered
    case 603: // Decline
      return 'rejected';
    case 487: // Request Terminated: our own CANCEL
      return 'cancelled';
    default:
      return 'failed';
  }
}

/** `Reason: SIP;cause=200;text="Call completed elsewhere"` on a CANCEL (RFC 3326). */
export function isAnsweredElsewhere(reasonHeaders: readonly string[]): boolean {
  return reasonHeaders.some((value) =>
    value.split(',').some((reason) => /^\s*SIP\s*;(?:.*;)?\s*cause\s*=\s*200\s*(?:;|$)/i.test(reason)),
  );
}
