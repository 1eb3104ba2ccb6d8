/** How long a dialog-event subscription lasts (RFC 6665 §4.2.1.1): asked for, bounded, or refused. */
export interface SubscriptionExpiryLimits {
  minSeconds: number;
  maxSeconds: number;
  defaultSeconds: number;
}

export const DEFAULT_SUBSCRIPTION_EXPIRY: SubscriptionExpiryLimits = { minSeconds: 60, maxSeconds: 3600, defaultSeconds: 3600 };

export type GrantedExpiry = { kind: 'granted'; seconds: number } | { kind: 'tooBrief' } | { kind: 'invalid' };

export function grantedExpiry(header: string | undefined, limits: SubscriptionExpiryLimits): GrantedExpiry {
  if (header === undefined) return { kind: 'granted', seconds: limits.defaultSeconds };
  const text = header.trim();
  if (!/^\d{1,10}$/.test(text)) return { kind: 'invalid' };
  const asked = Number(text);
  if (asked === 0) return { kind: 'granted', seconds: 0 }; // unsubscribe (or fetch)
  if (asked < limits.minSeconds) return { kind: 'tooBrief' };
  return { kind: 'granted', seconds: Math.min(asked, limits.maxSeconds) };
}
