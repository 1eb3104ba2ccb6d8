import type { IncomingHttpHeaders } from 'node:http';
import type { ApiReply } from './api-reply.js';
import type { BodyResult } from './json-body.js';

/** One API request as routes see it: parsed path, headers, the peer, and a body reader. */
export interface ApiRequest {
  method: string;
  path: string;
  /** the values of the route's `:name` segments, URL-decoded (empty for exact paths) */
  params: Readonly<Record<string, string>>;
  /** the query string's parameters */
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** the TCP peer address (no proxy is trusted) */
  clientAddress: string;
  readJson(): Promise<BodyResult>;
  /** the raw request body, for routes that take something other than JSON (e.g. CSV); read it with a size limit */
  bodyStream: AsyncIterable<Buffer>;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Route {
  method: HttpMethod;
  /** an exact path, or one with `:name` segments (e.g. `/api/customer/ids/:idId`), each matching one non-empty segment */
  path: string;
  handle(request: ApiRequest): Promise<ApiReply> | ApiReply;
}

/**
 * Matches a request path against a route path; `:name` segments capture one URL-decoded,
 * non-empty segment. Undefined when it does not match (or a segment cannot be decoded).
 */
export function matchRoutePath(routePath: string, requestPath: string): Readonly<Record<string, string>> | undefined {
  const pattern = routePath.split('/');
  const actual = requestPath.split('/');
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i += 1) {
    const expected = pattern[i] ?? '';
    const segment = actual[i] ?? '';
    if (expected.startsWith(':')) {
      if (segment === '') return undefined;
      try {
        params[expected.slice(1)] = decodeURIComponent(segment);
      } catch {
        return undefined;
      }
    } else if (expected !== segment) {
      return undefined;
    }
  }
  return params;
}
