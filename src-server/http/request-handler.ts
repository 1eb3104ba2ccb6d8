import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../log/logger.js';
import { INTERNAL_ERROR_MESSAGE, errorReply, type ApiReply } from './api-reply.js';
import { DEFAULT_JSON_BODY_LIMIT, readJsonBody } from './json-body.js';
import type { ApiRequest, Route } from './route.js';

export interface RequestHandlerOptions {
  routes: readonly Route[];
  logger: Logger;
  jsonBodyLimit?: number;
}

/**
 * Turns routes into a node:http request listener: exact-path routing, JSON replies, 404/405 for
 * what does not exist, and a 500 without details for anything unexpected (logged, not sent).
 */
export function createRequestHandler(options: RequestHandlerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const { routes, logger } = options;
  const limit = options.jsonBodyLimit ?? DEFAULT_JSON_BODY_LIMIT;

  const dispatch = async (req: IncomingMessage): Promise<ApiReply> => {
    const method = req.method ?? 'GET';
    const path = pathOf(req.url);
    if (path === undefined) return errorReply(400, 'invalid-argument', 'URL が正しくありません');
    const candidates = routes.filter((route) => route.path === path);
    const route = candidates.find((candidate) => candidate.method === method);
    if (!route) {
      if (candidates.length === 0) return errorReply(404, 'not-found', '指定された API はありません');
      return errorReply(405, 'method-not-allowed', 'この API はこのメソッドに対応していません', {
        headers: { Allow: candidates.map((candidate) => candidate.method).join(', ') },
      });
    }
    const request: ApiRequest = {
      method,
      path,
      headers: req.headers,
      clientAddress: req.socket.remoteAddress ?? 'unknown',
      readJson: () => readJsonBody(req, limit),
    };
    return route.handle(request);
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
  const body = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    // Replies carry tokens and SIP secrets: never cache them anywhere.
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...(reply.closeConnection ? { Connection: 'close' } : {}),
    ...reply.headers,
  });
  res.end(body);
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
