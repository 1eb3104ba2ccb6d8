import type { Ringtone } from '../../../src-shared/contract/requests/settings.js';
import type { LineSnapshot } from '../../../src-shared/domain/phone-snapshot.js';

export interface AudioSignals {
  ringtone: Ringtone | null;
  ringback: boolean;
  callWaiting: boolean;
}

export const NO_SIGNALS: AudioSignals = { ringtone: null, ringback: false, callWaiting: false };

const IN_CALL: ReadonlySet<string> = new Set(['connected', 'held', 'transferring', 'parked']);

/**
 * Which local signals the lines call for:
 * - ringtone (on the ringer): a call rings in while no call is in progress;
 * - call waiting (a beep on the speaker instead): a call rings in during another call;
 * - ringback (on the speaker): a call rings out (180) and no early media came with a 18x, so
 *   nothing else tells the user it rings.
 * An auto-answered intercom call never rings.
 */
export function signalsFor(lines: readonly LineSnapshot[], ringtone: Ringtone): AudioSignals {
  const ringingIn = lines.some((line) => line.state === 'ringingIn' && !line.autoAnswered);
  const inCall = lines.some((line) => IN_CALL.has(line.state));
  const ringingOut = lines.some((line) => line.direction === 'outgoing' && line.state === 'ringingOut' && !line.earlyMedia);
  return {
    ringtone: ringingIn && !inCall ? ringtone : null,
    callWaiting: ringingIn && inCall,
    ringback: ringingOut,
  };
}

export const sameSignals = (a: AudioSignals, b: AudioSignals): boolean =>
  a.ringtone === b.ringtone && a.ringback === b.ringback && a.callWaiting === b.callWaiting;
