import type { LineSnapshot, PhoneSnapshot } from '../../../src-shared/domain/phone-snapshot.js';

/** What one popup should be doing for one call. */
export interface PopupIntent {
  readonly lineId: string;
  /** ringing calls come first, then answered ones */
  readonly ringing: boolean;
  /** DESIGN.md §4: always on top while ringing or in a call */
  readonly alwaysOnTop: boolean;
}

/**
 * Which calls get a popup: incoming calls while they ring and after they are answered (the
 * popup is where they were answered; DESIGN.md §4 "one per ringing call … closes itself when
 * the call ends"). Outgoing calls are placed from the main window and shown there. Ringing
 * calls first, each group oldest first, so the stack order is stable.
 */
export function popupIntents(snapshot: PhoneSnapshot): PopupIntent[] {
  if (snapshot.account === null) return [];
  const incoming = snapshot.lines.filter(
    (line) => line.direction === 'incoming' && (line.state === 'ringingIn' || line.state === 'connected' || line.state === 'held'),
  );
  const byStart = (a: LineSnapshot, b: LineSnapshot): number => a.startedAt - b.startedAt;
  const ringing = incoming.filter((line) => line.state === 'ringingIn').sort(byStart);
  const answered = incoming.filter((line) => line.state !== 'ringingIn').sort(byStart);
  return [
    ...ringing.map((line) => ({ lineId: line.id, ringing: true, alwaysOnTop: true })),
    ...answered.map((line) => ({ lineId: line.id, ringing: false, alwaysOnTop: true })),
  ];
}
