import { createHash } from 'node:crypto';
import { digitsOf } from '../../src-shared/domain/phone-number.js';
import { errorReply, type ApiReply } from '../http/api-reply.js';
import type { ApiRequest } from '../http/route.js';
import type { Logger } from '../log/logger.js';
import { LoginThrottle } from '../provisioning/login-throttle.js';
import { hashSessionToken, issueSessionToken, SESSION_TOKEN_PATTERN } from '../provisioning/session-token.js';
import { verifyAgainstNothing, verifyPassword } from '../store/password-hash.js';
import type { TenantStore } from '../store/tenant-store.js';

/**
 * The customer page's login: 主番号 (the 基本ID's direct number) + the 基本ID's password → a
 * session cookie (HttpOnly, SameSite=Strict) kept in the sessions table (purpose 'customerPage').
 * Mutating requests also carry `X-CSRF-Token`: SameSite already keeps other sites' requests
 * from carrying the cookie, the header is the second lock (older browsers, same-site subdomains).
 * The CSRF token is derived from the session token (a keyed hash with a fixed label), so it
 * needs no column of its own, cannot be computed without the HttpOnly cookie, and dies with it.
 */
export interface CustomerSession {
  tenantId: number;
  /** the 基本ID the admin logged in as */
  adminIdId: number;
  csrfToken: string;
}

export const CUSTOMER_SESSION_COOKIE = 'plusphone_customer';
export const CSRF_HEADER = 'x-csrf-token';
export const CUSTOMER_SESSION_TTL_MS = 8 * 60 * 60_000;

export const CUSTOMER_INVALID_CREDENTIALS_MESSAGE = '主番号またはパスワードが正しくありません';
export const CUSTOMER_SESSION_MESSAGE = 'ログインしていないか、ログインの有効期限が切れました。もう一度ログインしてください';
export const CSRF_MESSAGE = '画面の有効期限が切れました。ページを再読み込みしてからもう一度お試しください';

export type CustomerLoginOutcome =
  | { ok: true; token: string; session: CustomerSession; tenantName: string; expiresAt: number }
  | { ok: false; reason: 'invalid-credentials' }
  | { ok: false; reason: 'too-many-attempts'; retryAfterMs: number };

export interface CustomerSessionsOptions {
  store: Pick<TenantStore, 'admin' | 'sessions'>;
  logger: Logger;
  throttle?: LoginThrottle;
  ttlMs?: number;
  now?: () => number;
}

export class CustomerSessions {
  private readonly throttle: LoginThrottle;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(private readonly options: CustomerSessionsOptions) {
    this.now = options.now ?? Date.now;
    this.throttle = options.throttle ?? new LoginThrottle({ now: this.now });
    this.ttlMs = options.ttlMs ?? CUSTOMER_SESSION_TTL_MS;
  }

  async login(credentials: { mainNumber: string; password: string }, clientAddress: string): Promise<CustomerLoginOutcome> {
    const mainNumber = digitsOf(credentials.mainNumber);
    const throttleKey = `customer|${mainNumber}|${clientAddress}`;
    const verdict = this.throttle.check(throttleKey);
    if (!verdict.allowed) {
      this.options.logger.warn('customer login throttled', { mainNumber, clientAddress });
      return { ok: false, reason: 'too-many-attempts', retryAfterMs: verdict.retryAfterMs };
    }
    // Counted before scrypt yields, so parallel attempts cannot all slip past the check.
    this.throttle.recordFailure(throttleKey);
    const account = mainNumber ? this.options.store.admin.findCustomerLoginAccount(mainNumber) : undefined;
    const verified = account
      ? await verifyPassword(credentials.password, account.passwordHash)
      : await verifyAgainstNothing(credentials.password);
    if (!account || !verified) {
      this.options.logger.info('customer login refused', { mainNumber, clientAddress });
      return { ok: false, reason: 'invalid-credentials' };
    }
    this.throttle.recordSuccess(throttleKey);
    const now = this.now();
    const { token, tokenHash } = issueSessionToken();
    const expiresAt = now + this.ttlMs;
    this.options.store.sessions.purgeExpired(now);
    this.options.store.sessions.create({ tokenHash, idId: account.idId, purpose: 'customerPage', expiresAt, now });
    this.options.logger.info('customer login', { tenantId: account.tenantId, clientAddress });
    return {
      ok: true,
      token,
      expiresAt,
      tenantName: account.tenantName,
      session: { tenantId: account.tenantId, adminIdId: account.idId, csrfToken: csrfTokenFor(token) },
    };
  }

  /** The live customer-page session of this request's cookie, or null. */
  authenticate(request: Pick<ApiRequest, 'headers'>): CustomerSession | null {
    const token = sessionCookieOf(request.headers.cookie);
    if (token === undefined) return null;
    const record = this.options.store.sessions.findLive(hashSessionToken(token), this.now());
    if (record?.purpose !== 'customerPage') return null;
    const owner = this.options.store.admin.idOwner(record.idId);
    // Only a 基本ID administers its tenant (a session row is only ever made for one).
    if (owner?.kind !== 'basic') return null;
    return { tenantId: owner.tenantId, adminIdId: record.idId, csrfToken: csrfTokenFor(token) };
  }

  /** Ends the session of this request's cookie, if any. */
  logout(request: Pick<ApiRequest, 'headers'>): void {
    const token = sessionCookieOf(request.headers.cookie);
    if (token !== undefined) this.options.store.sessions.revoke(hashSessionToken(token));
  }
}

/** What customer routes need injected: one function, so routes can be tested with a stub. */
export interface CustomerAuthDeps {
  authenticateCustomer(request: ApiRequest): CustomerSession | null;
}

export type CustomerCheck = { ok: true; session: CustomerSession } | { ok: false; reply: ApiReply };

/**
 * The gate of every customer API route: a live session (else 401 'unauthorized') and, for
 * mutating requests, `X-CSRF-Token` equal to the session's token (else 403 'csrf').
 */
export function requireCustomer(request: ApiRequest, deps: CustomerAuthDeps, options: { mutating: boolean }): CustomerCheck {
  const session = deps.authenticateCustomer(request);
  if (!session) return { ok: false, reply: errorReply(401, 'unauthorized', CUSTOMER_SESSION_MESSAGE) };
  if (options.mutating) {
    const header = request.headers[CSRF_HEADER];
    const sent = Array.isArray(header) ? undefined : header;
    if (sent === undefined || !sameToken(sent, session.csrfToken)) {
      return { ok: false, reply: errorReply(403, 'csrf', CSRF_MESSAGE) };
    }
  }
  return { ok: true, session };
}

export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update('plusphone customer-page csrf\0').update(sessionToken).digest('base64url');
}

export function sessionCookieOf(cookieHeader: string | undefined): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === CUSTOMER_SESSION_COOKIE) {
      const value = rest.join('=');
      return SESSION_TOKEN_PATTERN.test(value) ? value : undefined;
    }
  }
  return undefined;
}

/** Set-Cookie for a new session; `Secure` whenever the page is served over HTTPS. */
export function sessionCookie(token: string, options: { secure: boolean; maxAgeMs: number }): string {
  const attributes = [`${CUSTOMER_SESSION_COOKIE}=${token}`, 'HttpOnly', 'SameSite=Strict', 'Path=/', `Max-Age=${Math.floor(options.maxAgeMs / 1000)}`];
  if (options.secure) attributes.push('Secure');
  return attributes.join('; ');
}

export function clearedSessionCookie(options: { secure: boolean }): string {
  return sessionCookie('', { ...options, maxAgeMs: 0 });
}

function sameToken(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return ha.equals(hb);
}
