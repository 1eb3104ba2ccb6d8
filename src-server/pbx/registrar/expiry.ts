/** How long a binding lives (RFC 3261 §10.2.1.1, §10.3 step 7): contact param, else Expires, else default. */
export interface ExpiryLimits {
  minSeconds: number;
  maxSeconds: number;
  defaultSeconds: number;
}

export const DEFAULT_EXPIRY_LIMITS: ExpiryLimits = { minSeconds: 60, maxSeconds: 3600, defaultSeconds: 3600 };

export type ExpiryDecision =
  | { kind: 'remove' }
  | { kind: 'bind'; seconds: number }
  /** shorter than we allow: 423 Interval Too Brief with Min-Expires */
  | { kind: 'too-brief' }
  | { kind: 'invalid' };

export function decideExpiry(contactParam: unknown, expiresHeader: string | undefined, limits: ExpiryLimits): ExpiryDecision {
  const raw = contactParam !== undefined && contactParam !== null ? String(contactParam) : expiresHeader?.trim();
  if (raw === undefined || raw === '') return { kind: 'bind', seconds: limits.defaultSeconds };
  if (!/^\d{1,10}$/.test(raw)) return { kind: 'invalid' };
  const seconds = Number(raw);
  if (seconds === 0) return { kind: 'remove' };
  if (seconds < limits.minSeconds) return { kind: 'too-brief' };
  return { kind: 'bind', seconds: Math.min(seconds, limits.maxSeconds) };
}
