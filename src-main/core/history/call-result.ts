import { priceCall, type CallCharge } from '../../../src-shared/domain/call-charge.js';
import type { CallResult } from '../../../src-shared/domain/call-history.js';
import type { LineSnapshot } from '../../../src-shared/domain/phone-snapshot.js';

/** Incoming calls cost the callee nothing. */
export const FREE_CHARGE: CallCharge = Object.freeze({ priced: true, rate: 'free', units: 0, unitSeconds: 0, yen: 0 }) as CallCharge;

/** The history result of an ended line (see CallResult for the meaning of each). */
export function callResultOf(line: LineSnapshot): CallResult {
  if (line.connectedAt !== null) return 'answered';
  const reason = line.endReason ?? 'failed';
  if (line.direction === 'incoming') {
    switch (reason) {
      case 'rejected':
      case 'localHangup':
        return 'rejected';
      case 'answeredElsewhere':
        return 'answeredElsewhere';
      default:
        // the caller gave up (CANCEL), or we lost the connection while it rang: call them back
        return 'missed';
    }
  }
  switch (reason) {
    case 'busy':
      return 'busy';
    case 'rejected':
      return 'rejected';
    case 'cancelled':
    case 'localHangup':
      return 'cancelled';
    default:
      return 'failed';
  }
}

/** Answered seconds, every started second counted (so the charge and the shown time agree). */
export function durationSecondsOf(line: LineSnapshot): number {
  if (line.connectedAt === null || line.endedAt === null) return 0;
  return Math.max(0, Math.ceil((line.endedAt - line.connectedAt) / 1000));
}

/** Outgoing calls are priced at the softphone rate (internal ones are free); incoming are free. */
export function chargeOf(line: LineSnapshot, durationSeconds: number): CallCharge {
  if (line.direction === 'incoming') return FREE_CHARGE;
  return priceCall({ destination: line.remoteNumber, durationSeconds, terminal: 'softphone' });
}
