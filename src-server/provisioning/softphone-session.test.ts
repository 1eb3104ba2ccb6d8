import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, customerLogin, softphoneLogin, startTestServer, type TestServer } from '../customer-page/api-test-support.js';
import { demoId, demoTenant2Id } from '../store/demo-tenant.js';

describe('softphone API: config with ETag, refresh, logout (real server)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 304 to If-None-Match until the tenant changes something, then the new config', async () => {
    const token = await softphoneLogin(t.url, demoId('B').directNumber, demoId('B').password);
    const first = await call(t.url, 'GET', '/api/softphone/config', { token });
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"\d+-\d+"$/);
    const same = await call(t.url, 'GET', '/api/softphone/config', { token, headers: { 'If-None-Match': etag } });
    expect(same.status).toBe(304);
    expect(same.body).toBe('');

    // Another tenant's change leaves this ETag alone.
    const two = await customerLogin(t.url, demoTenant2Id('A').directNumber, demoTenant2Id('A').password);
    const twoNumbers = ((await call(t.url, 'GET', '/api/customer/overview', two)).body as { numbers: { numberId: number }[] }).numbers;
    await call(t.url, 'PATCH', `/api/customer/numbers/${twoNumbers[0]?.numberId}`, { ...two, body: { label: '本社' } });
    expect((await call(t.url, 'GET', '/api/softphone/config', { token, headers: { 'If-None-Match': etag } })).status).toBe(304);

    // The admin of B's tenant changes B's caller number: the next poll gets it, no re-login.
    const one = await customerLogin(t.url, demoId('A').directNumber, demoId('A').password);
    const ids = ((await call(t.url, 'GET', '/api/customer/overview', one)).body as { ids: { idId: number; directNumber: string }[] }).ids;
    const b = ids.find((id) => id.directNumber === demoId('B').directNumber);
    expect((await call(t.url, 'PATCH', `/api/customer/ids/${b?.idId}`, { ...one, body: { defaultCallerNumber: '0355550300' } })).status).toBe(200);
    const changed = await call(t.url, 'GET', '/api/softphone/config', { token, headers: { 'If-None-Match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect((changed.body as { defaultCallerNumber: string }).defaultCallerNumber).toBe('0355550300');
  });

  it('refresh gives a new token and revokes the old one; logout revokes', async () => {
    const token = await softphoneLogin(t.url, demoId('C').directNumber, demoId('C').password);
    const refreshed = await call(t.url, 'POST', '/api/softphone/refresh', { token });
    expect(refreshed.status).toBe(200);
    const next = (refreshed.body as { token: string; expiresAt: number }).token;
    expect(next).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(next).not.toBe(token);
    expect((refreshed.body as { expiresAt: number }).expiresAt).toBeGreaterThan(Date.now());
    expect((await call(t.url, 'GET', '/api/softphone/config', { token })).status).toBe(401);
    expect((await call(t.url, 'POST', '/api/softphone/refresh', { token })).status).toBe(401);
    expect((await call(t.url, 'GET', '/api/softphone/config', { token: next })).status).toBe(200);

    const out = await call(t.url, 'POST', '/api/softphone/logout', { token: next });
    expect(out.status).toBe(200);
    expect((await call(t.url, 'GET', '/api/softphone/config', { token: next })).status).toBe(401);
    const again = await call(t.url, 'POST', '/api/softphone/logout', { token: next });
    expect(again).toMatchObject({ status: 401, code: 'unauthorized' });
    expect(again.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('a customer-page cookie is not a softphone token, and a softphone token is not a customer session', async () => {
    const one = await customerLogin(t.url, demoId('A').directNumber, demoId('A').password);
    expect((await call(t.url, 'GET', '/api/softphone/config', { cookie: one.cookie })).status).toBe(401);
    const token = await softphoneLogin(t.url, demoId('A').directNumber, demoId('A').password);
    expect((await call(t.url, 'GET', '/api/customer/overview', { token })).status).toBe(401);
    // the same token string as a cookie does not open the page either (purpose is checked)
    expect((await call(t.url, 'GET', '/api/customer/overview', { cookie: `plusphone_customer=${token}` })).status).toBe(401);
  });
});
