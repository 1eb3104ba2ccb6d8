/**
 * The one final response a caller gets when every device that rang has failed (team rule):
 * busy anywhere → 486, else declined anywhere → 603, else 480 (nobody reachable / no answer).
 */
export function finalStatusForFailures(statuses: readonly number[]): number {
  if (statuses.some((s) => s === 486 || s === 600)) return 486;
  if (statuses.some((s) => s === 603)) return 603;
  return 480;
}

/** The Reason header for legs cancelled because another device answered (RFC 3326). */
export const COMPLETED_ELSEWHERE = 'SIP;cause=200;text="Call completed elsewhere"';
