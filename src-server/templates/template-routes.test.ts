import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRouteHarness, stubCustomerAuth, stubSoftphoneAuth, TEST_CSRF_TOKEN, type RouteHarness } from '../call-log/route-test-harness.js';
import { configVersion } from '../store/config-version.js';
import { TemplateQueries } from './template-queries.js';
import { templateRoutes } from './template-routes.js';

describe('templates and park-slot names API', () => {
  let harness: RouteHarness;
  beforeAll(async () => {
    harness = await startRouteHarness((store) =>
      templateRoutes({ templates: new TemplateQueries(store.database), authenticateCustomer: stubCustomerAuth, authenticateSoftphone: stubSoftphoneAuth }),
    );
  });
  afterAll(() => harness.close());

  const customer = (tenant: number, csrf = true) => ({
    'X-Test-Tenant': String(tenant),
    'Content-Type': 'application/json',
    ...(csrf ? { 'X-CSRF-Token': TEST_CSRF_TOKEN } : {}),
  });
  const put = (path: string, tenant: number, body: unknown, csrf = true) =>
    fetch(`${harness.url}${path}`, { method: 'PUT', headers: customer(tenant, csrf), body: JSON.stringify(body) });
  const get = (path: string, tenant?: number) =>
    fetch(`${harness.url}${path}`, { headers: tenant === undefined ? {} : { 'X-Test-Tenant': String(tenant) } });
  const json = async (response: Response) => (await response.json()) as Record<string, unknown>;

  it('starts empty, saves both templates, bumps the config version and shows them to softphones of that tenant only', async () => {
    expect(await json(await get('/api/customer/templates', harness.tenant1))).toMatchObject({ crmUrl: null, numberSearchUrl: null });
    const before = configVersion(harness.store.database, harness.tenant1)!;
    const saved = await put('/api/customer/templates', harness.tenant1, {
      crmUrl: 'https://crm.example.jp/search?tel={number}',
      numberSearchUrl: 'https://www.google.com/search?q={number}',
    });
    expect(saved.status).toBe(200);
    expect(await json(saved)).toMatchObject({ crmUrl: 'https://crm.example.jp/search?tel={number}', placeholders: expect.objectContaining({ number: expect.any(String) }) });
    expect(configVersion(harness.store.database, harness.tenant1)).toBe(before + 1);

    expect(await json(await get('/api/softphone/templates', harness.tenant1))).toMatchObject({ numberSearchUrl: 'https://www.google.com/search?q={number}' });
    expect(await json(await get('/api/softphone/templates', harness.tenant2))).toMatchObject({ crmUrl: null, numberSearchUrl: null });

    // clearing one
    await put('/api/customer/templates', harness.tenant1, { crmUrl: '', numberSearchUrl: 'https://www.google.com/search?q={number}' });
    expect(await json(await get('/api/customer/templates', harness.tenant1))).toMatchObject({ crmUrl: null });
  });

  it('refuses unsafe or malformed templates with a reason, and changes nothing', async () => {
    const version = configVersion(harness.store.database, harness.tenant1);
    for (const crmUrl of ['javascript:alert(1)', 'https://crm.example.jp/?q={phone}', 'https://{number}.example.jp/']) {
      const response = await put('/api/customer/templates', harness.tenant1, { crmUrl, numberSearchUrl: null });
      expect(response.status, crmUrl).toBe(400);
      const { error } = (await response.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe('invalid-argument');
      expect(error.message).toMatch(/^CRM連携URL: /);
    }
    expect((await put('/api/customer/templates', harness.tenant1, { crmUrl: null })).status).toBe(400);
    expect((await put('/api/customer/templates', harness.tenant1, { crmUrl: null, numberSearchUrl: null, extra: 1 })).status).toBe(400);
    expect(configVersion(harness.store.database, harness.tenant1)).toBe(version);
  });

  it('names park slots, removes a name with null, and keeps slots per tenant', async () => {
    const initial = (await json(await get('/api/customer/park-slots', harness.tenant1))) as { slots: { slot: string; name: string | null }[] };
    expect(initial.slots.map((s) => s.slot)).toEqual(['*71', '*72', '*73', '*74', '*75', '*76', '*77', '*78']);
    expect(initial.slots.every((s) => s.name === null)).toBe(true);

    const before = configVersion(harness.store.database, harness.tenant1)!;
    const saved = await put('/api/customer/park-slots', harness.tenant1, { slots: [{ slot: '*71', name: ' 営業 ' }, { slot: '*72', name: 'サポート' }] });
    expect(saved.status).toBe(200);
    await put('/api/customer/park-slots', harness.tenant1, { slots: [{ slot: '*72', name: null }] });
    expect(configVersion(harness.store.database, harness.tenant1)).toBe(before + 2);

    const slots = ((await json(await get('/api/softphone/park-slots', harness.tenant1))) as { slots: { slot: string; name: string | null }[] }).slots;
    expect(slots.slice(0, 3)).toEqual([
      { slot: '*71', name: '営業' },
      { slot: '*72', name: null },
      { slot: '*73', name: null },
    ]);
    const other = ((await json(await get('/api/softphone/park-slots', harness.tenant2))) as { slots: { name: string | null }[] }).slots;
    expect(other.every((s) => s.name === null)).toBe(true);

    for (const body of [
      { slots: [{ slot: '*79', name: 'x' }] },
      { slots: [{ slot: '*71', name: 'x'.repeat(33) }] },
      { slots: [{ slot: '*71', name: 'a' }, { slot: '*71', name: 'b' }] },
      { slots: [] },
      { slots: [{ slot: '*71', name: 'tab\there' }] },
    ]) {
      expect((await put('/api/customer/park-slots', harness.tenant1, body)).status, JSON.stringify(body)).toBe(400);
    }
  });

  it('needs a session everywhere and the CSRF header on changes', async () => {
    for (const path of ['/api/customer/templates', '/api/customer/park-slots', '/api/softphone/templates', '/api/softphone/park-slots']) {
      expect((await get(path)).status, path).toBe(401);
    }
    expect((await get('/api/softphone/templates')).headers.get('www-authenticate')).toBe('Bearer');
    expect((await put('/api/customer/templates', harness.tenant1, { crmUrl: null, numberSearchUrl: null }, false)).status).toBe(403);
    expect((await put('/api/customer/park-slots', harness.tenant1, { slots: [{ slot: '*71', name: 'x' }] }, false)).status).toBe(403);
  });
});
