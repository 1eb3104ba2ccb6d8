import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../app.js';
import { createConsoleLogger } from '../log/console-logger.js';
import { DEMO_TENANT, DEMO_TENANT_2, demoId, demoTenant2Id } from '../store/demo-tenant.js';
import { call, customerLogin, startTestServer, type TestServer } from './api-test-support.js';
import { CUSTOMER_SESSION_COOKIE } from './customer-session.js';

describe('customer page login, session, logout and CSRF (real server)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t.close();
  });

  it('logs in with the 主番号 (hyphens accepted) and the 基本ID password: HttpOnly SameSite=Strict cookie + CSRF token', async () => {
    const answer = await call(t.url, 'POST', '/api/customer/login', { body: { mainNumber: '050-3000-0001', password: demoId('A').password } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ tenantName: DEMO_TENANT.name, csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) as string });
    const cookie = answer.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(new RegExp(`^${CUSTOMER_SESSION_COOKIE}=[A-Za-z0-9_-]{43}; `));
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    // plain HTTP on loopback: no Secure (the browser would drop the cookie)
    expect(cookie).not.toContain('Secure');
    // the token is only in the cookie, never in the body
    expect(JSON.stringify(answer.body)).not.toContain(cookie.split(';')[0]?.split('=')[1] ?? 'x');
  });

  it('refuses a wrong password, an unknown number and a 追加ID’s number with the same Japanese error', async () => {
    for (const body of [
      { mainNumber: demoId('A').directNumber, password: 'wrong-password' },
      { mainNumber: '05099999999', password: demoId('A').password },
      { mainNumber: demoId('B').directNumber, password: demoId('B').password },
    ]) {
      const answer = await call(t.url, 'POST', '/api/customer/login', { body });
      expect(answer.status).toBe(401);
      expect(answer).toMatchObject({ code: 'invalid-credentials', message: '主番号またはパスワードが正しくありません' });
      expect(answer.headers.get('set-cookie')).toBeNull();
    }
    expect((await call(t.url, 'POST', '/api/customer/login', { body: { mainNumber: '' } })).code).toBe('invalid-argument');
  });

  it('answers the session, then logs out: the cookie stops working and is cleared', async () => {
    const session = await customerLogin(t.url, demoTenant2Id('A').directNumber, demoTenant2Id('A').password);
    const who = await call(t.url, 'GET', '/api/customer/session', { cookie: session.cookie });
    expect(who.status).toBe(200);
    expect(who.body).toEqual({ csrfToken: session.csrfToken, tenantName: DEMO_TENANT_2.name });

    const out = await call(t.url, 'POST', '/api/customer/logout', { cookie: session.cookie });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
    expect((await call(t.url, 'GET', '/api/customer/session', { cookie: session.cookie })).status).toBe(401);
    expect((await call(t.url, 'GET', '/api/customer/overview', { cookie: session.cookie })).code).toBe('unauthorized');
  });

  it('requires X-CSRF-Token equal to the session’s on mutating requests (403 csrf), not on reads', async () => {
    const session = await customerLogin(t.url, demoId('A').directNumber, demoId('A').password);
    const overview = await call(t.url, 'GET', '/api/customer/overview', { cookie: session.cookie });
    expect(overview.status).toBe(200);
    const numberId = (overview.body as { numbers: { numberId: number }[] }).numbers[1]?.numberId ?? 0;
    const path = `/api/customer/numbers/${numberId}`;
    const withoutHeader = await call(t.url, 'PATCH', path, { cookie: session.cookie, body: { label: '営業' } });
    expect(withoutHeader.status).toBe(403);
    expect(withoutHeader).toMatchObject({ code: 'csrf', message: expect.stringContaining('再読み込み') as string });
    const wrongHeader = await call(t.url, 'PATCH', path, { cookie: session.cookie, csrfToken: 'x'.repeat(43), body: { label: '営業' } });
    expect(wrongHeader.code).toBe('csrf');
    // another session's token does not fit this session
    const other = await customerLogin(t.url, demoId('A').directNumber, demoId('A').password);
    expect((await call(t.url, 'PATCH', path, { cookie: session.cookie, csrfToken: other.csrfToken, body: { label: '営業' } })).code).toBe('csrf');
    const right = await call(t.url, 'PATCH', path, { ...session, body: { label: '営業' } });
    expect(right.status).toBe(200);
  });

  it('throttles repeated failed logins (429 with Retry-After), per 主番号 and client', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) {
      statuses.push((await call(t.url, 'POST', '/api/customer/login', { body: { mainNumber: demoTenant2Id('A').directNumber, password: `wrong-${i}` } })).status);
    }
    expect(statuses.slice(0, 10).every((status) => status === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
    const locked = await call(t.url, 'POST', '/api/customer/login', { body: { mainNumber: demoTenant2Id('A').directNumber, password: demoTenant2Id('A').password } });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('customer page logs', () => {
  it('never write a password, a session token or a CSRF token', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plusphone-customer-logs-'));
    const lines: string[] = [];
    const server = await startServer({
      port: 0,
      dbPath: join(dir, 'server.sqlite'),
      logger: createConsoleLogger({ level: 'debug', write: (_level, line) => lines.push(line) }),
    });
    try {
      await call(server.httpUrl, 'POST', '/api/customer/login', { body: { mainNumber: demoId('A').directNumber, password: 'wrong-secret-pw' } });
      const session = await customerLogin(server.httpUrl, demoId('A').directNumber, demoId('A').password);
      const ids = ((await call(server.httpUrl, 'GET', '/api/customer/overview', session)).body as { ids: { idId: number }[] }).ids;
      await call(server.httpUrl, 'PATCH', `/api/customer/ids/${ids[1]?.idId}`, { ...session, body: { password: 'brand-new-secret' } });
      await call(server.httpUrl, 'POST', '/api/customer/logout', session);
      const log = lines.join('\n');
      expect(log).toContain('customer login');
      const token = session.cookie.split('=')[1] ?? 'missing';
      for (const secret of ['wrong-secret-pw', demoId('A').password, 'brand-new-secret', token, session.csrfToken]) expect(log).not.toContain(secret);
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
