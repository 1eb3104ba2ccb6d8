import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiReply } from '../http/api-reply.js';
import { matchRoutePath, type ApiRequest } from '../http/route.js';
import { CUSTOMER_PAGE_CSP, customerWebRoutes, DEFAULT_CUSTOMER_WEB_ROOT, safePath } from './web-routes.js';

const routes = customerWebRoutes();

/** Routes a GET the way the request handler does (exact paths first) and answers it. */
async function get(path: string): Promise<ApiReply> {
  const matches = routes
    .map((route) => ({ route, params: matchRoutePath(route.path, path) }))
    .filter((match) => match.params !== undefined)
    .sort((a, b) => Number(a.route.path.includes('/:')) - Number(b.route.path.includes('/:')));
  const match = matches[0];
  if (!match?.params) return { status: 404, body: null };
  return match.route.handle({ method: 'GET', path, params: match.params } as ApiRequest);
}

function webFiles(dir = DEFAULT_CUSTOMER_WEB_ROOT): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? webFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

describe('customer page static files', () => {
  it('serves index.html at /customer/ with a strict CSP and redirects /customer there', async () => {
    const index = await get('/customer/');
    expect(index.status).toBe(200);
    expect(index.raw?.contentType).toBe('text/html; charset=utf-8');
    expect(Buffer.from(index.raw?.data ?? []).toString('utf8')).toContain('<script type="module" src="app.js">');
    expect(index.headers?.['Content-Security-Policy']).toBe(CUSTOMER_PAGE_CSP);
    expect(CUSTOMER_PAGE_CSP).toContain("default-src 'self'");
    expect(CUSTOMER_PAGE_CSP).not.toContain('unsafe-inline');
    expect(index.headers?.['X-Frame-Options']).toBe('DENY');

    const bare = await get('/customer');
    expect(bare.status).toBe(308);
    expect(bare.headers?.Location).toBe('/customer/');
  });

  it('serves every file of the page with its MIME type, views in their folder too', async () => {
    for (const file of webFiles()) {
      const path = `/customer/${relative(DEFAULT_CUSTOMER_WEB_ROOT, file).split('\\').join('/')}`;
      const reply = await get(path);
      expect(reply.status, path).toBe(200);
      expect(Buffer.from(reply.raw?.data ?? []).equals(readFileSync(file)), path).toBe(true);
    }
    expect((await get('/customer/app.js')).raw?.contentType).toBe('text/javascript; charset=utf-8');
    expect((await get('/customer/styles.css')).raw?.contentType).toBe('text/css; charset=utf-8');
    expect((await get('/customer/views/login.js')).raw?.contentType).toBe('text/javascript; charset=utf-8');
  });

  it('answers 404 for anything that is not a plain file of the page (no way out of the folder)', async () => {
    // the router hands params over URL-decoded: %2F, %2E%2E and %5C arrive as these
    for (const path of ['/customer/missing.js', '/customer/../web-routes.ts', '/customer/views/..', '/customer/.hidden.js', '/customer/web-routes.ts']) {
      expect((await get(path)).status, path).toBe(404);
    }
    const root = '/srv/web';
    expect(safePath(root, ['..', 'secret.js'])).toBeUndefined();
    expect(safePath(root, ['../secret.js'])).toBeUndefined();
    expect(safePath(root, ['..\\secret.js'])).toBeUndefined();
    expect(safePath(root, ['views', '..'])).toBeUndefined();
    expect(safePath(root, ['/etc/passwd'])).toBeUndefined();
    expect(safePath(root, ['app.js'])).toBe('/srv/web/app.js');
    expect(safePath(root, ['views', 'login.js'])).toBe('/srv/web/views/login.js');
  });

  it('keeps the page free of inline script and markup injection (the CSP would block it anyway)', () => {
    for (const file of webFiles()) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(text, file).not.toMatch(/\son[a-z]+=["']/);
      expect(text, file).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/);
    }
  });
});
