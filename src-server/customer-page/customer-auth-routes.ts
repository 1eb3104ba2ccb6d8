import { z } from 'zod';
import { errorReply, jsonReply } from '../http/api-reply.js';
import type { Route } from '../http/route.js';
import { validate } from '../http/validate.js';
import { TOO_MANY_ATTEMPTS_MESSAGE } from '../provisioning/softphone-routes.js';
import {
  clearedSessionCookie,
  CUSTOMER_INVALID_CREDENTIALS_MESSAGE,
  CUSTOMER_SESSION_MESSAGE,
  sessionCookie,
  type CustomerSessions,
} from './customer-session.js';

const loginSchema = z.object({
  /** 主番号, hyphens and full-width digits accepted */
  mainNumber: z.string().trim().min(1).max(32),
  password: z.string().min(1).max(256),
});

export interface CustomerAuthRouteDeps {
  sessions: Pick<CustomerSessions, 'login' | 'authenticate' | 'logout'>;
  /** true when served over HTTPS: the cookie then carries `Secure` */
  secureCookies: boolean;
  /** the tenant's name for GET /api/customer/session */
  tenantName(tenantId: number): string | undefined;
}

/** Log in to the customer page, ask who is logged in, log out. */
export function customerAuthRoutes(deps: CustomerAuthRouteDeps): Route[] {
  return [
    {
      method: 'POST',
      path: '/api/customer/login',
      async handle(request) {
        const body = await request.readJson();
        if (!body.ok) return body.reply;
        const input = validate(loginSchema, body.value);
        if (!input.ok) return input.reply;
        const outcome = await deps.sessions.login(input.value, request.clientAddress);
        if (outcome.ok) {
          return jsonReply(
            200,
            { csrfToken: outcome.session.csrfToken, tenantName: outcome.tenantName, expiresAt: outcome.expiresAt },
            { 'Set-Cookie': sessionCookie(outcome.token, { secure: deps.secureCookies, maxAgeMs: outcome.expiresAt - Date.now() }) },
          );
        }
        if (outcome.reason === 'too-many-attempts') {
          return errorReply(429, 'too-many-requests', TOO_MANY_ATTEMPTS_MESSAGE, {
            headers: { 'Retry-After': String(Math.max(1, Math.ceil(outcome.retryAfterMs / 1000))) },
          });
        }
        return errorReply(401, 'invalid-credentials', CUSTOMER_INVALID_CREDENTIALS_MESSAGE);
      },
    },
    {
      // Not CSRF-checked: logging someone out is harmless, and a page whose session already
      // expired must still be able to clear its cookie.
      method: 'POST',
      path: '/api/customer/logout',
      handle(request) {
        deps.sessions.logout(request);
        return jsonReply(200, { ok: true }, { 'Set-Cookie': clearedSessionCookie({ secure: deps.secureCookies }) });
      },
    },
    {
      method: 'GET',
      path: '/api/customer/session',
      handle(request) {
        const session = deps.sessions.authenticate(request);
        const tenantName = session ? deps.tenantName(session.tenantId) : undefined;
        if (!session || tenantName === undefined) return errorReply(401, 'unauthorized', CUSTOMER_SESSION_MESSAGE);
        return jsonReply(200, { csrfToken: session.csrfToken, tenantName });
      },
    },
  ];
}
