import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../log/logger.js';
import { INTERNAL_ERROR_MESSAGE, errorReply, type ApiReply } from './api-reply.js';
import { DEFAULT_JSON_BODY_LIMIT, readJsonBody } from './json-body.js';
import { matchRoutePath, type ApiRequest, type Route } from './route.js';

export interface RequestHandlerOptions {
  routes: readonly Route[];
  logger: Logger;
  jsonBodyLimit?: number;
}

/**
 * Turns routes into a node:http request listener: path routing (exact or `:param` segments), JSON replies, 404/405 for
 * what does not exist, and a 500 without details for anything unexpected (logged, not sent).
 */
export function createRequestHandler(options: RequestHandlerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const { routes, logger } = options;
  const limit = options.jsonBodyLimit ?? DEFAULT_JSON_BODY_LIMIT;

  const dispatch = async (req: IncomingMessage): Promise<ApiReply> => {
    const method = req.method ?? 'GET';
    const path = pathOf(req.url);
    if (path === undefined) return errorReply(400, 'invalid-argument', 'URL が正しくありません');
    // Exact paths win over `:param` paths, so `/api/x/new` can sit beside `/api/x/:id`.
    const candidates = routes
      .map((route) => ({ route, params: matchRoutePath(route.path, path) }))
      .filter((match): match is { route: Route; params: Readonly<Record<string, string>> } => match.params !== undefined)
      .sort((a, b) => Number(a.route.path.includes('/:')) - Number(b.route.path.includes('/:')));
    const matched = candidates.find((candidate) => candidate.route.method === method);
    if (!matched) {
      if (candidates.length === 0) return errorReply(404, 'not-found', '指定された API はありません');
      return errorReply(405, 'method-not-allowed', 'この API はこのメソッドに対応していません', {
        headers: { Allow: [...new Set(candidates.map((candidate) => candidate.route.method))].join(', ') },
      });
    }
    const request: ApiRequest = {
      method,
      path,
      params: matched.params,
      query: queryOf(req.url),
      headers: req.headers,
      clientAddress: req.socket.remoteAddress ?? 'unknown',
      readJson: () => readJsonBody(req, limit),
      bodyStream: req as AsyncIterable<Buffer>,
    };
    return matched.route.handle(request);
  };

  return (req, res) => {
    dispatch(req)
      .catch((error: unknown) => {
        logger.error('request failed', { method: req.method, path: pathOf(req.url), error });
        return errorReply(500, 'internal', INTERNAL_ERROR_MESSAGE);
      })
      .then((reply) => send(res, reply))
      .catch((error: unknown) => {
        logger.error('could not send a reply', { error });
        res.destroy();
      });
  };
}

function send(res: ServerResponse, reply: ApiReply): void {
  if (res.headersSent || res.destroyed) return;
  if (reply.status === 304) {
    // Not Modified has no body (e.g. GET /api/softphone/config with a matching If-None-Match).
    res.writeHead(304, { 'Cache-Control': 'no-store', ...reply.headers });
    res.end();
    return;
  }
  const body = reply.raw ? reply.raw.data : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'Content-Type': reply.raw ? reply.raw.contentType : 'application/json; charset=utf-8',
    'Content-Length': typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength,
    // Replies carry tokens and SIP secrets: never cache them anywhere.
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...(reply.closeConnection ? { Connection: 'close' } : {}),
    ...reply.headers,
  });
  res.end(body);
}

/** The query parameters of a request target (empty when there are none or it is malformed). */
export function queryOf(url: string | undefined): URLSearchParams {
  try {
    return new URL(url ?? '/', 'http://localhost').searchParams;
  } catch {
    return new URLSearchParams();
  }
}

/** The path of a request target, or undefined if it is not a valid origin-form target. */
export function pathOf(url: string | undefined): string | undefined {
  if (!url?.startsWith('/')) return undefined;
  try {
    return new URL(url, 'http://localhost').pathname;
  } catch {
    return undefined;
  }
}
