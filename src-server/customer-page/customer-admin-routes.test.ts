import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RULE_MESSAGES } from '../store/admin-rules.js';
import { DEMO_TENANT, DEMO_TENANT_2, demoId, demoTenant2Id } from '../store/demo-tenant.js';
import { TenantStore } from '../store/tenant-store.js';
import { call, customerLogin, softphoneLogin, startTestServer, type ApiAnswer, type Credentials, type TestServer } from './api-test-support.js';

interface IdBody {
  idId: number;
  kind: string;
  deviceKind: string;
  directNumber: string;
  extension: string;
  displayName: string;
  defaultCallerNumber: string;
  softphoneOption: boolean;
}
interface NumberBody {
  numberId: number;
  number: string;
  kind: string;
  label: string;
  ringSet: number[];
}
interface OverviewBody {
  tenant: { tenantId: number; name: string; mainNumber: string; channels: number; configVersion: number };
  channels: number;
  numbers: NumberBody[];
  ids: IdBody[];
}

/** Every domain rule of issue 3 point 1, through the HTTP API of a real server. */
describe('customer API: the contract rules (real server)', () => {
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

  const overview = async (as: Credentials): Promise<OverviewBody> => {
    const answer = await call(t.url, 'GET', '/api/customer/overview', as);
    expect(answer.status).toBe(200);
    return answer.body as OverviewBody;
  };
  const idOf = async (as: Credentials, directNumber: string): Promise<IdBody> => {
    const found = (await overview(as)).ids.find((id) => id.directNumber === directNumber);
    if (!found) throw new Error(`no ID ${directNumber}`);
    return found;
  };
  const numberOf = async (as: Credentials, number: string): Promise<NumberBody> => {
    const found = (await overview(as)).numbers.find((n) => n.number === number);
    if (!found) throw new Error(`no number ${number}`);
    return found;
  };
  const expectRule = (answer: ApiAnswer, status: number, code: string, message?: string): void => {
    expect({ status: answer.status, code: answer.code }).toEqual({ status, code });
    expect(answer.message).toMatch(/[ぁ-んァ-ン一-龥]/);
    if (message !== undefined) expect(answer.message).toBe(message);
  };

  it('overview: the tenant, its numbers with labels and ring sets, its IDs, channels = IDs; nothing of the other tenant', async () => {
    const body = await overview(one);
    expect(body.tenant).toMatchObject({ name: DEMO_TENANT.name, mainNumber: demoId('A').directNumber, channels: 5 });
    expect(body.channels).toBe(5);
    expect(body.numbers.map((n) => [n.number, n.kind, n.label, n.ringSet.length])).toEqual([
      ['0355550100', 'contract', '代表', 5],
      ['0355550200', 'additional', '営業部', 3],
      ['0355550300', 'additional', 'サポート', 2],
    ]);
    expect(body.ids[0]).toMatchObject({ kind: 'basic', deviceKind: 'softphone', extension: '201', displayName: '佐藤', softphoneOption: true });
    expect(body.ids.map((id) => id.kind)).toEqual(['basic', 'additional', 'additional', 'additional', 'additional']);
    expect(JSON.stringify(body)).not.toContain(DEMO_TENANT_2.name);
    expect((await overview(two)).channels).toBe(3);
    expect(JSON.stringify(await overview(two))).not.toContain('0355550100');
  });

  it('exactly one 契約番号: it cannot be removed (409 rule-contract-number); a new number is always a 追加番号', async () => {
    const contract = await numberOf(one, '0355550100');
    expectRule(await call(t.url, 'DELETE', `/api/customer/numbers/${contract.numberId}`, one), 409, 'rule-contract-number', RULE_MESSAGES.contractNumber);
    const added = await call(t.url, 'POST', '/api/customer/numbers', { ...two, body: { number: '06-6666-0300', label: '大阪' } });
    expect(added.status).toBe(201);
    expect((added.body as { number: NumberBody }).number).toMatchObject({ number: '0666660300', kind: 'additional', label: '大阪', ringSet: [] });
    expect((await overview(two)).numbers.filter((n) => n.kind === 'contract')).toHaveLength(1);
  });

  it('追加番号: at most 2, and never more than the 追加IDs (409 rule-additional-number-limit naming the rule)', async () => {
    // tenant 1 already has 2
    expectRule(
      await call(t.url, 'POST', '/api/customer/numbers', { ...one, body: { number: '0355550400', label: '' } }),
      409,
      'rule-additional-number-limit',
      '追加番号は2つまで、かつ追加IDの数までです',
    );
    // tenant 2: 2 追加IDs, 1 追加番号 → one more fits, then no more
    expect((await call(t.url, 'POST', '/api/customer/numbers', { ...two, body: { number: '0666660300' } })).status).toBe(201);
    expectRule(await call(t.url, 'POST', '/api/customer/numbers', { ...two, body: { number: '0666660400' } }), 409, 'rule-additional-number-limit');
    // now removing a 追加ID would leave 2 追加番号 for 1 追加ID
    const c = await idOf(two, demoTenant2Id('C').directNumber);
    expectRule(await call(t.url, 'DELETE', `/api/customer/ids/${c.idId}`, two), 409, 'rule-additional-number-limit');
    expect((await overview(two)).ids).toHaveLength(3);
  });

  it('removing a 追加番号 removes its ring set; IDs calling out with it fall back to the 契約番号', async () => {
    const sales = await numberOf(one, '0355550200');
    const b = await idOf(one, demoId('B').directNumber);
    expect((await call(t.url, 'PATCH', `/api/customer/ids/${b.idId}`, { ...one, body: { defaultCallerNumber: '03-5555-0200' } })).status).toBe(200);
    const removed = await call(t.url, 'DELETE', `/api/customer/numbers/${sales.numberId}`, one);
    expect(removed.status).toBe(200);
    const after = await overview(one);
    expect(after.numbers.map((n) => n.number)).toEqual(['0355550100', '0355550300']);
    expect(after.ids.find((id) => id.idId === b.idId)?.defaultCallerNumber).toBe('0355550100');
    const store = TenantStore.open(t.dbPath);
    try {
      const directory = store.tenantDirectory(after.tenant.tenantId);
      expect(directory?.companyNumbers.map((n) => n.number)).toEqual(['0355550100', '0355550300']);
    } finally {
      store.close();
    }
  });

  it('the 基本ID cannot be removed (409 rule-basic-id); a 追加ID can, and channels follow the IDs', async () => {
    const a = await idOf(one, demoId('A').directNumber);
    expectRule(await call(t.url, 'DELETE', `/api/customer/ids/${a.idId}`, one), 409, 'rule-basic-id', RULE_MESSAGES.basicId);
    const added = await call(t.url, 'POST', '/api/customer/ids', {
      ...two,
      body: { displayName: '加藤', extension: '304', password: 'kato-password', deviceKind: 'softphone' },
    });
    expect(added.status).toBe(201);
    const created = (added.body as { id: IdBody }).id;
    // the next free 050 number of tenant 2's block, calling out with the 契約番号
    expect(created).toMatchObject({ kind: 'additional', directNumber: '05031000004', defaultCallerNumber: '0666660100', softphoneOption: true });
    expect((await overview(two)).channels).toBe(4);
    expect((await call(t.url, 'DELETE', `/api/customer/ids/${created.idId}`, two)).status).toBe(200);
    expect((await overview(two)).channels).toBe(3);
  });

  it('caller number: one of the tenant’s numbers or the ID’s own direct number (400 rule-caller-number otherwise)', async () => {
    const b = await idOf(one, demoId('B').directNumber);
    const path = `/api/customer/ids/${b.idId}`;
    for (const number of ['0355550300', demoId('B').directNumber, '050-3000-0002']) {
      const answer = await call(t.url, 'PATCH', path, { ...one, body: { defaultCallerNumber: number } });
      expect(answer.status).toBe(200);
    }
    for (const number of ['0666660100', demoId('C').directNumber, '0312345678']) {
      expectRule(await call(t.url, 'PATCH', path, { ...one, body: { defaultCallerNumber: number } }), 400, 'rule-caller-number', RULE_MESSAGES.callerNumber);
    }
    const detail = await call(t.url, 'GET', path, one);
    expect((detail.body as { callerNumbers: { number: string; kind: string }[] }).callerNumbers.map((o) => o.kind)).toEqual([
      'contract',
      'additional',
      'additional',
      'direct',
    ]);
  });

  it('ring set: only this tenant’s IDs (400 rule-ring-set-tenant); a change is in the PBX directory at once', async () => {
    const support = await numberOf(one, '0355550300');
    const foreign = await idOf(two, demoTenant2Id('B').directNumber);
    const a = await idOf(one, demoId('A').directNumber);
    const c = await idOf(one, demoId('C').directNumber);
    const path = `/api/customer/numbers/${support.numberId}/ring-set`;
    expectRule(await call(t.url, 'PUT', path, { ...one, body: { idIds: [a.idId, foreign.idId] } }), 400, 'rule-ring-set-tenant', RULE_MESSAGES.ringSetTenant);
    const changed = await call(t.url, 'PUT', path, { ...one, body: { idIds: [a.idId, c.idId] } });
    expect(changed.status).toBe(200);
    expect((changed.body as { number: NumberBody }).number.ringSet).toEqual([a.idId, c.idId].sort((x, y) => x - y));
    // The PBX reads the directory per call: the next call to 03-5555-0300 rings A and C.
    const tenantId = (await overview(one)).tenant.tenantId;
    const store = TenantStore.open(t.dbPath);
    try {
      const directory = store.tenantDirectory(tenantId);
      expect(directory?.companyNumbers.find((n) => n.number === '0355550300')?.ringSet.sort()).toEqual([a.idId, c.idId].sort());
    } finally {
      store.close();
    }
  });

  it('device kind: softphone, ipPhone, adapter, smartphoneApp (400 rule-device-kind otherwise)', async () => {
    const b = await idOf(one, demoId('B').directNumber);
    const path = `/api/customer/ids/${b.idId}`;
    for (const deviceKind of ['ipPhone', 'adapter', 'smartphoneApp', 'softphone']) {
      const answer = await call(t.url, 'PATCH', path, { ...one, body: { deviceKind } });
      expect((answer.body as { id: IdBody }).id.deviceKind).toBe(deviceKind);
    }
    expectRule(await call(t.url, 'PATCH', path, { ...one, body: { deviceKind: 'fax' } }), 400, 'rule-device-kind', RULE_MESSAGES.deviceKind);
  });

  it('softphone option: a softphone terminal needs it; without it the softphone is logged out and cannot log in', async () => {
    const d = await idOf(one, demoId('D').directNumber);
    const path = `/api/customer/ids/${d.idId}`;
    const token = await softphoneLogin(t.url, demoId('D').directNumber, demoId('D').password);
    expect((await call(t.url, 'GET', '/api/softphone/config', { token })).status).toBe(200);
    expectRule(await call(t.url, 'PATCH', path, { ...one, body: { softphoneOption: false } }), 409, 'rule-softphone-option', RULE_MESSAGES.softphoneOption);
    const off = await call(t.url, 'PATCH', path, { ...one, body: { deviceKind: 'ipPhone', softphoneOption: false } });
    expect((off.body as { id: IdBody }).id).toMatchObject({ deviceKind: 'ipPhone', softphoneOption: false });
    expect((await call(t.url, 'GET', '/api/softphone/config', { token })).status).toBe(401);
    const login = await call(t.url, 'POST', '/api/softphone/login', { body: { loginId: demoId('D').directNumber, password: demoId('D').password } });
    expectRule(login, 403, 'rule-softphone-option', RULE_MESSAGES.softphoneLogin);
    expect((await call(t.url, 'PATCH', path, { ...one, body: { softphoneOption: true } })).status).toBe(200);
    expect(await softphoneLogin(t.url, demoId('D').directNumber, demoId('D').password)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('extensions: 2–6 digits (400 rule-extension-format), unique within the tenant (409 rule-extension-unique), free across tenants', async () => {
    const b = await idOf(one, demoId('B').directNumber);
    const path = `/api/customer/ids/${b.idId}`;
    expectRule(await call(t.url, 'PATCH', path, { ...one, body: { extension: '203' } }), 409, 'rule-extension-unique');
    for (const extension of ['2', '1234567', '0202', '２０２x']) {
      expectRule(await call(t.url, 'PATCH', path, { ...one, body: { extension } }), 400, 'rule-extension-format', RULE_MESSAGES.extensionFormat);
    }
    // 301 is tenant 2's 基本ID's extension: tenants do not share extensions
    expect((await call(t.url, 'PATCH', path, { ...one, body: { extension: '301' } })).status).toBe(200);
    // the ID's own extension is not a clash with itself
    expect((await call(t.url, 'PATCH', path, { ...one, body: { extension: '301', displayName: '鈴木 一郎' } })).status).toBe(200);
    expectRule(
      await call(t.url, 'POST', '/api/customer/ids', { ...one, body: { displayName: 'X', extension: '204', password: 'password-x', deviceKind: 'ipPhone' } }),
      409,
      'rule-extension-unique',
    );
  });

  it('一般設定: display name and password (min 8); the new password logs the softphone in', async () => {
    const c = await idOf(one, demoId('C').directNumber);
    const path = `/api/customer/ids/${c.idId}`;
    expectRule(await call(t.url, 'PATCH', path, { ...one, body: { password: 'short' } }), 400, 'rule-password-length', RULE_MESSAGES.passwordLength);
    expectRule(await call(t.url, 'PATCH', path, { ...one, body: { displayName: '   ' } }), 400, 'rule-display-name');
    expect((await call(t.url, 'PATCH', path, { ...one, body: {} })).code).toBe('invalid-argument');
    expect((await call(t.url, 'PATCH', path, { ...one, body: { bogus: 1 } })).code).toBe('invalid-argument');
    const changed = await call(t.url, 'PATCH', path, { ...one, body: { password: 'new-password-c', displayName: ' 高橋 花子 ' } });
    expect((changed.body as { id: IdBody }).id.displayName).toBe('高橋 花子');
    expect(JSON.stringify(changed.body)).not.toMatch(/password/i);
    expect(await softphoneLogin(t.url, demoId('C').directNumber, 'new-password-c')).toBeTruthy();
    expect((await call(t.url, 'POST', '/api/softphone/login', { body: { loginId: demoId('C').directNumber, password: demoId('C').password } })).status).toBe(401);
  });

  it('numbers are unique on the whole server (409 rule-number-in-use) and well-formed (400 rule-number-format)', async () => {
    expectRule(await call(t.url, 'POST', '/api/customer/numbers', { ...two, body: { number: '03-5555-0100' } }), 409, 'rule-number-in-use');
    expectRule(await call(t.url, 'POST', '/api/customer/numbers', { ...two, body: { number: demoId('A').directNumber } }), 409, 'rule-number-in-use');
    expectRule(await call(t.url, 'POST', '/api/customer/numbers', { ...two, body: { number: '12345' } }), 400, 'rule-number-format', RULE_MESSAGES.numberFormat);
    expectRule(
      await call(t.url, 'POST', '/api/customer/ids', {
        ...two,
        body: { displayName: 'Y', extension: '309', password: 'password-y', deviceKind: 'adapter', directNumber: demoId('B').directNumber },
      }),
      409,
      'rule-number-in-use',
    );
    const explicit = await call(t.url, 'POST', '/api/customer/ids', {
      ...two,
      body: { displayName: 'Y', extension: '309', password: 'password-y', deviceKind: 'adapter', directNumber: '050-3100-0050' },
    });
    expect((explicit.body as { id: IdBody }).id).toMatchObject({ directNumber: '05031000050', deviceKind: 'adapter', softphoneOption: false });
  });

  it('labels of company numbers are edited (64 characters at most)', async () => {
    const sales = await numberOf(one, '0355550200');
    const path = `/api/customer/numbers/${sales.numberId}`;
    expect(((await call(t.url, 'PATCH', path, { ...one, body: { label: '営業一課' } })).body as { number: NumberBody }).number.label).toBe('営業一課');
    expectRule(await call(t.url, 'PATCH', path, { ...one, body: { label: 'あ'.repeat(65) } }), 400, 'rule-label');
  });

  it('tenants are isolated: another tenant’s IDs and numbers are 404, and its changes never show here', async () => {
    const foreignId = await idOf(one, demoId('B').directNumber);
    const foreignNumber = await numberOf(one, '0355550200');
    expect((await call(t.url, 'GET', `/api/customer/ids/${foreignId.idId}`, two)).status).toBe(404);
    expect((await call(t.url, 'PATCH', `/api/customer/ids/${foreignId.idId}`, { ...two, body: { displayName: '乗っ取り' } })).status).toBe(404);
    expect((await call(t.url, 'DELETE', `/api/customer/numbers/${foreignNumber.numberId}`, two)).status).toBe(404);
    expect((await call(t.url, 'GET', '/api/customer/ids/not-a-number', two)).status).toBe(404);
    expect((await idOf(one, demoId('B').directNumber)).displayName).toBe('鈴木');
  });
});
