import type { ApiRequest } from '../http/route.js';
import type { TenantStore } from '../store/tenant-store.js';
import { bearerToken, hashSessionToken, issueSessionToken } from './session-token.js';
import { SOFTPHONE_SESSION_TTL_MS } from './softphone-login.js';

/**
 * The softphone's bearer session (`Authorization: Bearer <token>` from POST /api/softphone/login):
 * who is calling the softphone API. Refresh swaps the token for a new one (the old one stops
 * working at once), logout revokes it.
 */
export interface SoftphoneSession {
  tenantId: number;
  idId: number;
}

/** What softphone routes need injected: one function, so routes can be tested with a stub. */
export interface SoftphoneAuthDeps {
  authenticateSoftphone(request: ApiRequest): SoftphoneSession | null;
}

export interface SoftphoneSessionsOptions {
  store: Pick<TenantStore, 'sessions' | 'admin'>;
  ttlMs?: number;
  now?: () => number;
}

export class SoftphoneSessions {
  private readonly now: () => number;
  private readonly ttlMs: number;

  constructor(private readonly options: SoftphoneSessionsOptions) {
    this.now = options.now ?? Date.now;
    this.ttlMs = options.ttlMs ?? SOFTPHONE_SESSION_TTL_MS;
  }

  /** The live softphone session of this request's bearer token, or null. */
  authenticate(request: Pick<ApiRequest, 'headers'>): SoftphoneSession | null {
    const token = bearerToken(request.headers.authorization);
    return token === undefined ? null : this.sessionOf(token);
  }

  /** A new token for the same ID; the old one is revoked. Null when the old one is not live. */
  refresh(request: Pick<ApiRequest, 'headers'>): { token: string; expiresAt: number; session: SoftphoneSession } | null {
    const old = bearerToken(request.headers.authorization);
    const session = old === undefined ? null : this.sessionOf(old);
    if (old === undefined || !session) return null;
    const now = this.now();
    const { token, tokenHash } = issueSessionToken();
    const expiresAt = now + this.ttlMs;
    // Create first, then revoke: a crash in between leaves two tokens, never none.
    this.options.store.sessions.create({ tokenHash, idId: session.idId, purpose: 'softphone', expiresAt, now });
    this.options.store.sessions.revoke(hashSessionToken(old));
    return { token, expiresAt, session };
  }

  /** Revokes this request's token; true when there was a live one. */
  logout(request: Pick<ApiRequest, 'headers'>): boolean {
    const token = bearerToken(request.headers.authorization);
    if (token === undefined || !this.sessionOf(token)) return false;
    this.options.store.sessions.revoke(hashSessionToken(token));
    return true;
  }

  private sessionOf(token: string): SoftphoneSession | null {
    const record = this.options.store.sessions.findLive(hashSessionToken(token), this.now());
    if (record?.purpose !== 'softphone') return null;
    const owner = this.options.store.admin.idOwner(record.idId);
    // The option may have been turned off since login (the writer revokes then, this is the backstop).
    if (!owner?.softphoneOption) return null;
    return { tenantId: owner.tenantId, idId: record.idId };
  }
}
