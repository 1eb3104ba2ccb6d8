import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoId, demoTenant2Id } from '../store/demo-tenant.js';
import { call, customerLogin, startTestServer, type Credentials, type TestServer } from './api-test-support.js';
import { PARK_SETTINGS_PATH } from './park-settings-routes.js';

/** パーク保留 settings on the customer page, through the HTTP API of a real server. */
describe('customer API: park recall time (real server)', () => {
  let t: TestServer;
  let one: Required<Pick<Credentials, 'cookie' | 'csrfToken'>>;
  let two: Required<Pick<Credentials, 'cookie' | 'csrfToken'>>;

  beforeEach(async () => {
    t = await startTestServer();
    one = await customerLogin(t.url, demoId('A').directNumber, demoId('A').password);
    two = await customerLogin(t.url, demoTenant2Id('A').directNumber, demoTenant2Id('A').password);
  });
  afterEach(async () => {
    await t.close();
  });

  it('reads 180 s by default, sets a new value for its own tenant only', async () => {
    expect((await call(t.url, 'GET', PARK_SETTINGS_PATH, one)).body).toEqual({ recallSeconds: 180 });
    const set = await call(t.url, 'PUT', PARK_SETTINGS_PATH, { ...one, body: { recallSeconds: 60 } });
    expect(set).toMatchObject({ status: 200, body: { recallSeconds: 60 } });
    expect((await call(t.url, 'GET', PARK_SETTINGS_PATH, one)).body).toEqual({ recallSeconds: 60 });
    expect((await call(t.url, 'GET', PARK_SETTINGS_PATH, two)).body).toEqual({ recallSeconds: 180 });
  });

  it('refuses values outside 10–3600 s and other bodies with a Japanese message; needs a session and the CSRF token', async () => {
    for (const body of [{ recallSeconds: 9 }, { recallSeconds: 3601 }, { recallSeconds: 30.5 }, { recallSeconds: '60' }, {}, { recallSeconds: 60, extra: 1 }]) {
      const refused = await call(t.url, 'PUT', PARK_SETTINGS_PATH, { ...one, body });
      expect(refused.status).toBe(400);
      expect(refused.message).toContain('呼び戻し時間');
    }
    expect((await call(t.url, 'GET', PARK_SETTINGS_PATH)).status).toBe(401);
    expect((await call(t.url, 'PUT', PARK_SETTINGS_PATH, { cookie: one.cookie, body: { recallSeconds: 60 } })).status).toBe(403);
    expect((await call(t.url, 'GET', PARK_SETTINGS_PATH, one)).body).toEqual({ recallSeconds: 180 });
  });
});
