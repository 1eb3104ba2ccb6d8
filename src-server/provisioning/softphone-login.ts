import { digitsOf } from '../../src-shared/domain/phone-number.js';
import type { LoginResponse, SoftphoneConfig } from '../../src-shared/provisioning/softphone-config.js';
import type { Logger } from '../log/logger.js';
import { verifyAgainstNothing, verifyPassword } from '../store/password-hash.js';
import type { TenantStore } from '../store/tenant-store.js';
import type { PbxProfile } from './embedded-pbx-profile.js';
import { LoginThrottle } from './login-throttle.js';
import { hashSessionToken, issueSessionToken } from './session-token.js';
import { buildSoftphoneConfig } from './softphone-config-builder.js';

export const SOFTPHONE_SESSION_TTL_MS = 12 * 60 * 60_000;

export type SoftphoneAccounts = Pick<TenantStore, 'sipDomain' | 'sessions' | 'findLoginAccount' | 'findIdentity' | 'tenantDirectory' | 'admin'>;

export interface SoftphoneLoginOptions {
  accounts: SoftphoneAccounts;
  sipWsUrl: string;
  profile: PbxProfile;
  logger: Logger;
  throttle?: LoginThrottle;
  sessionTtlMs?: number;
  now?: () => number;
  /** the tenant's CRM / number-search templates, sent in the config (templates/template-queries.ts) */
  linkTemplates?: (tenantId: number) => { crmUrl: string | null; numberSearchUrl: string | null };
  /** the tenant's park-slot names (お客様ページ), shown on the softphone's park panel */
  parkSlotNames?: (tenantId: number) => ReadonlyArray<{ slot: string; name: string | null }>;
}

export type LoginOutcome =
  | { ok: true; response: LoginResponse }
  | { ok: false; reason: 'invalid-credentials' }
  /** right password, but the ID has no softphone option (rule-softphone-option) */
  | { ok: false; reason: 'softphone-option-off' }
  | { ok: false; reason: 'too-many-attempts'; retryAfterMs: number };

/**
 * Softphone login: login ID (the ID's direct number, any hyphens or full-width digits) and
 * password → a bearer session and the softphone's configuration.
 */
export class SoftphoneLogin {
  private readonly accounts: SoftphoneAccounts;
  private readonly throttle: LoginThrottle;
  private readonly sessionTtlMs: number;
  private readonly now: () => number;

  constructor(private readonly options: SoftphoneLoginOptions) {
    this.accounts = options.accounts;
    this.now = options.now ?? Date.now;
    this.throttle = options.throttle ?? new LoginThrottle({ now: this.now });
    this.sessionTtlMs = options.sessionTtlMs ?? SOFTPHONE_SESSION_TTL_MS;
  }

  async login(credentials: { loginId: string; password: string }, clientAddress: string): Promise<LoginOutcome> {
    const loginId = digitsOf(credentials.loginId);
    const throttleKey = `${loginId}|${clientAddress}`;
    const verdict = this.throttle.check(throttleKey);
    if (!verdict.allowed) {
      this.options.logger.warn('softphone login throttled', { loginId, clientAddress });
      return { ok: false, reason: 'too-many-attempts', retryAfterMs: verdict.retryAfterMs };
    }
    // Counted as a failure until the password checks out: scrypt yields to the event loop, and
    // attempts sent in parallel must not all pass the check above before any of them fails.
    this.throttle.recordFailure(throttleKey);

    const account = loginId ? this.accounts.findLoginAccount(loginId) : undefined;
    // Unknown IDs cost the same scrypt work, so timing does not reveal which IDs exist.
    const verified = account
      ? await verifyPassword(credentials.password, account.passwordHash)
      : await verifyAgainstNothing(credentials.password);
    const config = account && verified ? this.configFor(account.idId) : undefined;
    if (!account || !config) {
      this.options.logger.info('softphone login refused', { loginId, clientAddress });
      return { ok: false, reason: 'invalid-credentials' };
    }

    this.throttle.recordSuccess(throttleKey);
    if (this.accounts.admin.idOwner(account.idId)?.softphoneOption !== true) {
      this.options.logger.info('softphone login refused: no softphone option', { idId: account.idId, clientAddress });
      return { ok: false, reason: 'softphone-option-off' };
    }
    const now = this.now();
    const { token, tokenHash } = issueSessionToken();
    const expiresAt = now + this.sessionTtlMs;
    this.accounts.sessions.purgeExpired(now);
    this.accounts.sessions.create({ tokenHash, idId: account.idId, purpose: 'softphone', expiresAt, now });
    this.options.logger.info('softphone login', { idId: account.idId, clientAddress });
    return { ok: true, response: { token, expiresAt, config } };
  }

  /** The configuration of an ID (for a session already authenticated), or undefined. */
  configForId(idId: number): SoftphoneConfig | undefined {
    return this.configFor(idId);
  }

  /** The configuration for a live softphone session's token, or undefined. */
  configForToken(token: string): SoftphoneConfig | undefined {
    const session = this.accounts.sessions.findLive(hashSessionToken(token), this.now());
    if (!session || session.purpose !== 'softphone') return undefined;
    return this.configFor(session.idId);
  }

  private configFor(idId: number): SoftphoneConfig | undefined {
    const identity = this.accounts.findIdentity(idId);
    const tenant = identity && this.accounts.tenantDirectory(identity.tenantId);
    if (!identity || !tenant) return undefined;
    return buildSoftphoneConfig({
      identity,
      tenant,
      sipDomain: this.accounts.sipDomain,
      sipWsUrl: this.options.sipWsUrl,
      profile: this.options.profile,
      ...(this.options.linkTemplates ? { linkTemplates: this.options.linkTemplates(identity.tenantId) } : {}),
      ...(this.options.parkSlotNames ? { parkSlotNames: this.options.parkSlotNames(identity.tenantId) } : {}),
    });
  }
}
