import type { IncomingHttpHeaders } from 'node:http';
import type { ApiReply } from './api-reply.js';
import type { BodyResult } from './json-body.js';

/** One API request as routes see it: parsed path, headers, the peer, and a body reader. */
export interface ApiRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** the TCP peer address (no proxy is trusted) */
  clientAddress: string;
  readJson(): Promise<BodyResult>;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Route {
  method: HttpMethod;
  path: string;
  handle(request: ApiRequest): Promise<ApiReply> | ApiReply;
}
