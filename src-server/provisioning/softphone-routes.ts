import { loginRequestSchema } from '../../src-shared/provisioning/softphone-config.js';
import { errorReply, jsonReply, type ApiReply } from '../http/api-reply.js';
import type { Route } from '../http/route.js';
import { validate } from '../http/validate.js';
import { RULE_MESSAGES } from '../store/admin-rules.js';
import type { SoftphoneLogin } from './softphone-login.js';
import type { SoftphoneSessions } from './softphone-session.js';

export const INVALID_CREDENTIALS_MESSAGE = 'IDまたはパスワードが正しくありません';
export const TOO_MANY_ATTEMPTS_MESSAGE = 'ログイン試行が多すぎます。しばらくしてからお試しください';
export const SESSION_INVALID_MESSAGE = 'ログインの有効期限が切れたか、無効です。もう一度ログインしてください';

/** What the config, refresh and logout routes need besides the login. */
export interface SoftphoneRouteDeps {
  sessions: Pick<SoftphoneSessions, 'authenticate' | 'refresh' | 'logout'>;
  /** the tenant's config version (store/config-version.ts), for the config's ETag */
  configVersion(tenantId: number): number | undefined;
}

/**
 * The softphone's provisioning API: log in, fetch the configuration again later, refresh the
 * token, log out.
 *
 * Push without re-login: the softphone polls `GET /api/softphone/config` with the ETag it last
 * got in `If-None-Match`; the ETag is the tenant's config version (bumped in the same
 * transaction as every settings change on the customer page) plus the ID, so it answers 304
 * until something changed and then the new config. (The polling client lives in the core.)
 */
export function softphoneRoutes(login: SoftphoneLogin, deps: SoftphoneRouteDeps): Route[] {
  const unauthorized = (): ApiReply => errorReply(401, 'unauthorized', SESSION_INVALID_MESSAGE, { headers: { 'WWW-Authenticate': 'Bearer' } });
  return [
    {
      method: 'POST',
      path: '/api/softphone/login',
      async handle(request) {
        const body = await request.readJson();
        if (!body.ok) return body.reply;
        const input = validate(loginRequestSchema, body.value);
        if (!input.ok) return input.reply;
        const outcome = await login.login(input.value, request.clientAddress);
        if (outcome.ok) return jsonReply(200, outcome.response);
        if (outcome.reason === 'softphone-option-off') return errorReply(403, 'rule-softphone-option', RULE_MESSAGES.softphoneLogin);
        if (outcome.reason === 'too-many-attempts') {
          return errorReply(429, 'too-many-requests', TOO_MANY_ATTEMPTS_MESSAGE, {
            headers: { 'Retry-After': String(Math.max(1, Math.ceil(outcome.retryAfterMs / 1000))) },
          });
        }
        return errorReply(401, 'invalid-credentials', INVALID_CREDENTIALS_MESSAGE);
      },
    },
    {
      method: 'GET',
      path: '/api/softphone/config',
      handle(request) {
        const session = deps.sessions.authenticate(request);
        // Read the version before the config: a change committed in between makes the next poll fetch again.
        const version = session ? deps.configVersion(session.tenantId) : undefined;
        const config = session ? login.configForId(session.idId) : undefined;
        if (!session || version === undefined || !config) return unauthorized();
        const etag = `"${version}-${session.idId}"`;
        if (ifNoneMatch(request.headers['if-none-match'], etag)) return { status: 304, body: undefined, headers: { ETag: etag } };
        return jsonReply(200, config, { ETag: etag });
      },
    },
    {
      method: 'POST',
      path: '/api/softphone/refresh',
      handle(request) {
        const refreshed = deps.sessions.refresh(request);
        if (!refreshed) return unauthorized();
        return jsonReply(200, { token: refreshed.token, expiresAt: refreshed.expiresAt });
      },
    },
    {
      method: 'POST',
      path: '/api/softphone/logout',
      handle(request) {
        if (!deps.sessions.logout(request)) return unauthorized();
        return jsonReply(200, { ok: true });
      },
    },
  ];
}

/** If-None-Match: `*` or a list of (possibly weak) entity tags. */
function ifNoneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
