/**
 * DTMF carried by SIP INFO: `application/dtmf-relay` (`Signal=5` / `Duration=160` lines) and
 * `application/dtmf` (the digit alone). Pure; anything else is not DTMF (undefined).
 */
export interface DtmfDigit {
  digit: string;
  durationMs: number;
}

const DEFAULT_DURATION_MS = 160;
const MAX_DURATION_MS = 10_000;

export function parseDtmfInfo(contentType: string | undefined, body: string): DtmfDigit | undefined {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  if (type === 'application/dtmf') return digitOf(body.trim(), undefined);
  if (type !== 'application/dtmf-relay') return undefined;
  let signal: string | undefined;
  let duration: string | undefined;
  for (const line of body.split(/\r?\n/)) {
    const match = /^\s*(signal|duration)\s*=\s*(\S+)\s*$/i.exec(line);
    if (!match) continue;
    if (match[1]!.toLowerCase() === 'signal') signal = match[2];
    else duration = match[2];
  }
  return signal === undefined ? undefined : digitOf(signal, duration);
}

function digitOf(signal: string, duration: string | undefined): DtmfDigit | undefined {
  // RFC 4733 event numbers 10 and 11 are * and # (some phones send them as numbers)
  const digit = signal === '10' ? '*' : signal === '11' ? '#' : signal.toUpperCase();
  if (!/^[0-9*#A-D]$/.test(digit)) return undefined;
  const parsed = duration === undefined ? NaN : Number(duration);
  const durationMs = Number.isInteger(parsed) && parsed > 0 ? Math.min(parsed, MAX_DURATION_MS) : DEFAULT_DURATION_MS;
  return { digit, durationMs };
}
