import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../app.js';
import { createSilentLogger } from '../log/logger.js';

/**
 * For API tests: the real server on port 0 with a temp database (both demo tenants seeded),
 * and small fetch helpers for the customer page (cookie + CSRF) and the softphone (bearer).
 */
export interface TestServer {
  server: RunningServer;
  url: string;
  dbPath: string;
  close(): Promise<void>;
}

export async function startTestServer(): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'plusphone-api-'));
  const dbPath = join(dir, 'server.sqlite');
  try {
    const server = await startServer({ port: 0, dbPath, logger: createSilentLogger() });
    return {
      server,
      url: server.httpUrl,
      dbPath,
      async close() {
        await server.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

export interface Credentials {
  /** `Cookie` header value of a customer-page session */
  cookie?: string;
  csrfToken?: string;
  /** softphone bearer token */
  token?: string;
}

export interface ApiAnswer {
  status: number;
  headers: Headers;
  body: unknown;
  /** `error.code` of an error body */
  code: string | undefined;
  message: string | undefined;
}

export async function call(
  url: string,
  method: string,
  path: string,
  options: Credentials & { body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiAnswer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.cookie !== undefined) headers.Cookie = options.cookie;
  if (options.csrfToken !== undefined) headers['X-CSRF-Token'] = options.csrfToken;
  if (options.token !== undefined) headers.Authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${url}${path}`, {
    method,
    headers,
    redirect: 'manual',
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  let body: unknown = text;
  if ((response.headers.get('content-type') ?? '').startsWith('application/json') && text !== '') body = JSON.parse(text) as unknown;
  const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
  return { status: response.status, headers: response.headers, body, code: error?.code, message: error?.message };
}

/** Logs in to the customer page; throws unless it worked. */
export async function customerLogin(url: string, mainNumber: string, password: string): Promise<Required<Pick<Credentials, 'cookie' | 'csrfToken'>>> {
  const answer = await call(url, 'POST', '/api/customer/login', { body: { mainNumber, password } });
  const setCookie = answer.headers.get('set-cookie') ?? '';
  const cookie = setCookie.split(';')[0] ?? '';
  const csrfToken = (answer.body as { csrfToken?: string }).csrfToken;
  if (answer.status !== 200 || !cookie || !csrfToken) throw new Error(`customer login failed: ${answer.status} ${answer.message}`);
  return { cookie, csrfToken };
}

/** Logs a softphone in; throws unless it worked. */
export async function softphoneLogin(url: string, loginId: string, password: string): Promise<string> {
  const answer = await call(url, 'POST', '/api/softphone/login', { body: { loginId, password } });
  const token = (answer.body as { token?: string }).token;
  if (answer.status !== 200 || !token) throw new Error(`softphone login failed: ${answer.status} ${answer.message}`);
  return token;
}
