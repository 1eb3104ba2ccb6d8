import { loginRequestSchema } from '../../src-shared/provisioning/softphone-config.js';
import { errorReply, jsonReply } from '../http/api-reply.js';
import type { Route } from '../http/route.js';
import { validate } from '../http/validate.js';
import { bearerToken } from './session-token.js';
import type { SoftphoneLogin } from './softphone-login.js';

export const INVALID_CREDENTIALS_MESSAGE = 'IDまたはパスワードが正しくありません';
export const TOO_MANY_ATTEMPTS_MESSAGE = 'ログイン試行が多すぎます。しばらくしてからお試しください';
export const SESSION_INVALID_MESSAGE = 'ログインの有効期限が切れたか、無効です。もう一度ログインしてください';

/** The softphone's provisioning API: log in, and fetch the configuration again later. */
export function softphoneRoutes(login: SoftphoneLogin): Route[] {
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
        const token = bearerToken(request.headers.authorization);
        const config = token === undefined ? undefined : login.configForToken(token);
        if (!config) {
          return errorReply(401, 'unauthorized', SESSION_INVALID_MESSAGE, { headers: { 'WWW-Authenticate': 'Bearer' } });
        }
        return jsonReply(200, config);
      },
    },
  ];
}
