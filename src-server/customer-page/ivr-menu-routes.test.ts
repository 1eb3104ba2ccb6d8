import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_IVR_NUMBER } from '../store/demo-ivr-menu.js';
import { demoId, demoTenant2Id } from '../store/demo-tenant.js';
import { IVR_RULE_MESSAGES } from '../store/ivr-menu-rules.js';
import { TenantStore } from '../store/tenant-store.js';
import { call, customerLogin, startTestServer, type Credentials, type TestServer } from './api-test-support.js';

interface OverviewBody {
  tenant: { tenantId: number; configVersion: number };
  numbers: { numberId: number; number: string; ringSet: number[] }[];
  ids: { idId: number; directNumber: string }[];
}
interface MenuBody {
  menu: { prompt: string; options: { digits: string; label: string; ringSet: number[] }[]; timeoutSeconds: number; repeats: number; onNoChoice: string } | null;
  prompts?: { name: string; label: string }[];
}

/** 自動音声応答 on the customer page, through the HTTP API of a real server. */
describe('customer API: IVR menus (real server)', () => {
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

  const overview = async (as: Credentials): Promise<OverviewBody> => (await call(t.url, 'GET', '/api/customer/overview', as)).body as OverviewBody;
  const numberId = async (as: Credentials, number: string): Promise<number> => {
    const found = (await overview(as)).numbers.find((n) => n.number === number);
    if (!found) throw new Error(`no number ${number}`);
    return found.numberId;
  };
  const path = (id: number): string => `/api/customer/numbers/${id}/ivr-menu`;

  it('shows the demo menu of 経理部 with the prompts to choose from', async () => {
    const ids = (await overview(two)).ids;
    const idOf = (key: 'A' | 'B' | 'C'): number => ids.find((id) => id.directNumber === demoTenant2Id(key).directNumber)!.idId;
    const answer = await call(t.url, 'GET', path(await numberId(two, DEMO_IVR_NUMBER)), two);
    expect(answer.status).toBe(200);
    const body = answer.body as MenuBody;
    expect(body.menu).toEqual({
      prompt: 'keiri-menu-ja',
      options: [
        { digits: '1', label: 'お支払い', ringSet: [idOf('A')] },
        { digits: '2', label: 'ご請求', ringSet: [idOf('B'), idOf('C')] },
      ],
      timeoutSeconds: 5,
      repeats: 1,
      onNoChoice: 'ringSet',
    });
    expect(body.prompts?.map((p) => p.name)).toContain('keiri-menu-ja');
    // a number without a menu
    expect((await call(t.url, 'GET', path(await numberId(one, '0355550300')), one)).body).toMatchObject({ menu: null });
  });

  it('sets a menu (config version bumped, the PBX directory has it) and removes it again', async () => {
    const support = await numberId(one, '0355550300');
    const ids = (await overview(one)).ids;
    const [a, , , d, e] = ids.map((id) => id.idId);
    const before = (await overview(one)).tenant.configVersion;
    const menu = {
      prompt: 'keiri-menu-ja',
      options: [
        { digits: '1', label: '製品', ringSet: [d, e] },
        { digits: '*9', ringSet: [a, a] },
      ],
      onNoChoice: 'hangUp',
    };
    const set = await call(t.url, 'PUT', path(support), { ...one, body: menu });
    expect(set.status).toBe(200);
    expect((set.body as MenuBody).menu).toEqual({
      prompt: 'keiri-menu-ja',
      options: [
        { digits: '*9', label: '', ringSet: [a] },
        { digits: '1', label: '製品', ringSet: [d, e] },
      ],
      timeoutSeconds: 5,
      repeats: 1,
      onNoChoice: 'hangUp',
    });
    expect((await overview(one)).tenant.configVersion).toBe(before + 1);
    const store = TenantStore.open(t.dbPath);
    try {
      const tenantId = (await overview(one)).tenant.tenantId;
      const number = store.tenantDirectory(tenantId)?.companyNumbers.find((n) => n.number === '0355550300');
      expect(number?.ivrMenu?.options.map((o) => o.digits)).toEqual(['*9', '1']);
      expect(store.tenantDirectory(tenantId)?.companyNumbers.find((n) => n.number === '0355550100')?.ivrMenu).toBeUndefined();
    } finally {
      store.close();
    }

    const removed = await call(t.url, 'DELETE', path(support), one);
    expect(removed).toMatchObject({ status: 200, body: { menu: null } });
    expect((await call(t.url, 'GET', path(support), one)).body).toMatchObject({ menu: null });
    expect((await overview(one)).tenant.configVersion).toBe(before + 2);
  });

  it('refuses a menu that breaks a rule, naming the rule in Japanese; nothing changes', async () => {
    const support = await numberId(one, '0355550300');
    const foreignId = (await overview(two)).ids[0]!.idId;
    const ownId = (await overview(one)).ids[0]!.idId;
    const before = (await overview(one)).tenant.configVersion;
    const attempt = (body: unknown) => call(t.url, 'PUT', path(support), { ...one, body });
    const base = { prompt: 'keiri-menu-ja', options: [{ digits: '1', ringSet: [ownId] }] };

    expect(await attempt({ ...base, options: [{ digits: '1', ringSet: [foreignId] }] })).toMatchObject({
      status: 400,
      code: 'rule-ivr-ring-set-tenant',
      message: IVR_RULE_MESSAGES.ringSetTenant,
    });
    expect(await attempt({ ...base, prompt: 'nope' })).toMatchObject({ status: 400, code: 'rule-ivr-prompt' });
    expect(await attempt({ ...base, options: [{ digits: '1', ringSet: [ownId] }, { digits: '12', ringSet: [ownId] }] })).toMatchObject({
      status: 400,
      code: 'rule-ivr-digits-prefix',
    });
    expect(await attempt({ ...base, timeoutSeconds: 99 })).toMatchObject({ status: 400, code: 'rule-ivr-timeout' });
    // shapes: zod
    for (const body of [{}, { ...base, extra: 1 }, { ...base, options: 'x' }, { ...base, onNoChoice: 'voicemail' }, null]) {
      expect((await attempt(body)).status, JSON.stringify(body)).toBe(400);
    }
    expect((await overview(one)).tenant.configVersion).toBe(before);
    expect((await call(t.url, 'GET', path(support), one)).body).toMatchObject({ menu: null });
  });

  it('another tenant’s number is as unknown as a made-up one; CSRF and session are required', async () => {
    const keiri = await numberId(two, DEMO_IVR_NUMBER);
    expect((await call(t.url, 'GET', path(keiri), one)).status).toBe(404);
    expect((await call(t.url, 'DELETE', path(keiri), one)).status).toBe(404);
    expect((await call(t.url, 'PUT', path(keiri), { ...one, body: {} })).status).toBe(404);
    expect((await call(t.url, 'GET', '/api/customer/numbers/abc/ivr-menu', one)).status).toBe(404);
    expect((await call(t.url, 'GET', path(keiri))).status).toBe(401);
    expect((await call(t.url, 'DELETE', path(keiri), { cookie: two.cookie })).status).toBe(403);
    expect((await call(t.url, 'GET', path(keiri), two)).body).not.toMatchObject({ menu: null });
  });
});
