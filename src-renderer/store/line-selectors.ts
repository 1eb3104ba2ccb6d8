import type { LineSnapshot } from '../../src-shared/domain/phone-snapshot.js';

const byStart = (a: LineSnapshot, b: LineSnapshot): number => a.startedAt - b.startedAt;

/** Incoming calls that ring now, oldest first. */
export function ringingLines(lines: readonly LineSnapshot[]): LineSnapshot[] {
  return lines.filter((line) => line.direction === 'incoming' && line.state === 'ringingIn').sort(byStart);
}

/**
 * Every call the Electron popup window stacks: ringing calls, then answered incoming ones
 * (connected or held), each group oldest first — the order of main's popupIntents.
 */
export function popupWindowLines(lines: readonly LineSnapshot[]): LineSnapshot[] {
  const answered = lines.filter((line) => line.direction === 'incoming' && (line.state === 'connected' || line.state === 'held')).sort(byStart);
  return [...ringingLines(lines), ...answered];
}

/** The call a shortcut acts on: the one in conversation, else one being set up, else a held one. */
export function currentLine(lines: readonly LineSnapshot[]): LineSnapshot | undefined {
  return (
    lines.find((line) => line.state === 'connected') ??
    lines.find((line) => line.state === 'dialing' || line.state === 'ringingOut') ??
    lines.find((line) => line.state === 'held')
  );
}
