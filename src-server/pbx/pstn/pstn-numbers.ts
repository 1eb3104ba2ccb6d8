/**
 * The built-in PSTN simulator's numbers (README "PSTN simulator"): what the far end does when a
 * national number that no tenant of this server owns is called. Pure.
 */
export type PstnBehaviour =
  | { kind: 'echo'; delayMs: number }
  | { kind: 'tone'; frequencyHz: number }
  | { kind: 'speech' }
  | { kind: 'busy' }
  | { kind: 'neverAnswers' };

export const PSTN_ECHO_NUMBER = '0312340000';
export const PSTN_TONE_NUMBER = '0312340001';
export const PSTN_SPEECH_NUMBER = '0312340002';
export const PSTN_BUSY_NUMBER = '0312340003';
export const PSTN_NO_ANSWER_NUMBER = '0312340004';

const SPECIAL: Readonly<Record<string, PstnBehaviour>> = {
  [PSTN_ECHO_NUMBER]: { kind: 'echo', delayMs: 200 },
  [PSTN_TONE_NUMBER]: { kind: 'tone', frequencyHz: 1000 },
  [PSTN_SPEECH_NUMBER]: { kind: 'speech' },
  [PSTN_BUSY_NUMBER]: { kind: 'busy' },
  [PSTN_NO_ANSWER_NUMBER]: { kind: 'neverAnswers' },
};

/** Any full national number (digits) reaches the simulator; the unlisted ones answer with speech. */
export function pstnBehaviour(digits: string): PstnBehaviour | undefined {
  if (!/^0\d{9,10}$/.test(digits)) return undefined;
  return SPECIAL[digits] ?? { kind: 'speech' };
}
