import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { errorReply, type ApiReply } from '../http/api-reply.js';
import type { Route } from '../http/route.js';

/**
 * The customer page (お客様ページ) as static files under /customer/: plain ES modules, no build
 * step. The page holds no tenant data itself (it fetches /api/customer/... with the session
 * cookie), so these routes are public; the authorization test skips paths starting with
 * CUSTOMER_PAGE_PREFIX for that reason.
 */
export const CUSTOMER_PAGE_PREFIX = '/customer/';

export const DEFAULT_CUSTOMER_WEB_ROOT = fileURLToPath(new URL('./web/', import.meta.url));

/**
 * Only same-origin scripts, styles, fetches and images; no inline script or style attribute
 * can run, nothing may frame the page (clickjacking of the settings forms).
 */
export const CUSTOMER_PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** One path segment of a served file: lower-case name, a known extension, nothing else (no dots to climb with). */
const FILE_SEGMENT = /^[a-z0-9][a-z0-9-]*\.[a-z]+$/;
const DIR_SEGMENT = /^[a-z0-9][a-z0-9-]*$/;

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CUSTOMER_PAGE_CSP,
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  // the page is tiny and changes with the server: always revalidate, never serve a stale script
  'Cache-Control': 'no-cache',
};

export interface CustomerWebOptions {
  /** the folder with index.html; default: ./web next to this file */
  root?: string;
}

export function customerWebRoutes(options: CustomerWebOptions = {}): Route[] {
  const root = resolve(options.root ?? DEFAULT_CUSTOMER_WEB_ROOT);
  const serve = (segments: readonly string[]) => serveFile(root, segments);
  return [
    { method: 'GET', path: '/customer', handle: () => ({ status: 308, body: {}, headers: { Location: CUSTOMER_PAGE_PREFIX } }) },
    { method: 'GET', path: '/customer/', handle: () => serve(['index.html']) },
    { method: 'GET', path: '/customer/:file', handle: (request) => serve([request.params.file ?? '']) },
    { method: 'GET', path: '/customer/:dir/:file', handle: (request) => serve([request.params.dir ?? '', request.params.file ?? '']) },
  ];
}

async function serveFile(root: string, segments: readonly string[]): Promise<ApiReply> {
  const path = safePath(root, segments);
  const contentType = path ? MIME_TYPES[extname(path)] : undefined;
  if (!path || !contentType) return notFound();
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch {
    return notFound();
  }
  return { status: 200, body: null, raw: { contentType, data }, headers: SECURITY_HEADERS };
}

/**
 * The file for these URL segments (already URL-decoded by the router), or undefined when a
 * segment is anything but a plain name — `..`, an encoded slash or backslash, a dot file —
 * or the result would leave the root anyway.
 */
export function safePath(root: string, segments: readonly string[]): string | undefined {
  const file = segments.at(-1);
  const dirs = segments.slice(0, -1);
  if (file === undefined || !FILE_SEGMENT.test(file) || !dirs.every((dir) => DIR_SEGMENT.test(dir))) return undefined;
  const path = resolve(root, ...segments);
  return path.startsWith(root + sep) ? path : undefined;
}

function notFound(): ApiReply {
  return errorReply(404, 'not-found', 'ページが見つかりません');
}
