import { jsonReply } from './api-reply.js';
import type { Route } from './route.js';

export function healthRoutes(): Route[] {
  return [{ method: 'GET', path: '/healthz', handle: () => jsonReply(200, { ok: true }) }];
}
