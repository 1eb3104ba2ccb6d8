import type { LineSnapshot } from '../../src-shared/domain/phone-snapshot.js';

const byStart = (a: LineSnapshot, b: LineSnapshot): number => a.startedAt - b.startedAt;

/** Incoming calls that ring now, oldest first. */
export function ringingLines(lines: readonly LineSnapshot[]): LineSnapshot[] {
  return lines.filter((line) => line.direction === 'incoming' && line.state === 'ringingIn').sort(byStart);
}

/**
 * The call the Electron popup window shows: the oldest ringing call, else the oldest answered
 * incoming call (the popup stays as an in-call view). Same order as main's popup policy
 * (src-main/electron/windows/popup-policy.ts), so the window and its page agree.
 */
export function popupWindowLine(lines: readonly LineSnapshot[]): LineSnapshot | null {
  const ringing = ringingLines(lines);
  if (ringing[0]) return ringing[0];
  const answered = lines.filter((line) => line.direction === 'incoming' && line.state === 'connected').sort(byStart);
  return answered[0] ?? null;
}
