import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, customerLogin, softphoneLogin, startTestServer, type ApiAnswer, type Credentials, type TestServer } from './customer-page/api-test-support.js';
import { CUSTOMER_PAGE_PREFIX } from './customer-page/web-routes.js';
import { DEMO_TENANT, demoId, demoTenant2Id } from './store/demo-tenant.js';

/**
 * Per-tenant authorization of EVERY route the server answers, walked from `server.routes` (the
 * router's own list), so a route added later is covered without touching this file:
 * - without credentials every non-public route answers 401;
 * - with tenant 2's cookie, CSRF token and softphone token, a route naming a resource (a
 *   `:param`) of tenant 1 answers 403 or 404, and a route without params never shows tenant 1's
 *   data; afterwards tenant 1's settings are unchanged.
 * A route with a new `:param` needs a way to name one of tenant 1's resources in
 * TENANT_ONE_PARAMS (the test fails and says so); a new public route must be listed in
 * PUBLIC_ROUTES on purpose.
 */
const PUBLIC_ROUTES = new Set(['GET /healthz', 'POST /api/softphone/login', 'POST /api/customer/login', 'POST /api/customer/logout']);

/** Routes that are public by design, by prefix: the customer page's static files hold no tenant data. */
const isPublic = (method: string, path: string): boolean =>
  PUBLIC_ROUTES.has(`${method} ${path}`) || (method === 'GET' && (path === '/customer' || path.startsWith(CUSTOMER_PAGE_PREFIX)));

/** What a sample gets: tenant 1's overview, and the API with tenant 1's session to create a resource. */
interface SampleContext {
  idIds: number[];
  numberIds: number[];
  asTenantOne(method: string, path: string, body?: unknown): Promise<ApiAnswer>;
}

/** How to name one of tenant 1's resources for each route parameter (created through the API when needed). */
const TENANT_ONE_PARAMS: Readonly<Record<string, (tenantOne: SampleContext) => Promise<string>>> = {
  idId: (r) => Promise.resolve(String(r.idIds[1] ?? r.idIds[0])),
  numberId: (r) => Promise.resolve(String(r.numberIds[1] ?? r.numberIds[0])),
  entryId: async (r) => {
    const created = await r.asTenantOne('POST', '/api/customer/phonebook', { name: 'テナント1の取引先', numbers: [{ label: '代表', number: '0311112222' }] });
    return String((created.body as { id?: number }).id);
  },
};

/** Strings that only tenant 1's data contains. */
const TENANT_ONE_MARKERS = [
  DEMO_TENANT.name,
  ...DEMO_TENANT.companyNumbers.map((n) => n.number),
  ...DEMO_TENANT.ids.map((id) => id.directNumber),
  // made by the entryId sample
  'テナント1の取引先',
  '0311112222',
];

describe('authorization of every route (real server, two tenants)', () => {
  let t: TestServer;
  let tenantTwo: Credentials;
  let tenantOne: Required<Pick<Credentials, 'cookie' | 'csrfToken'>>;
  let samples: SampleContext;
  /** each parameter's tenant-1 value, made once */
  const sampleValues = new Map<string, string>();
  let before: unknown;

  beforeAll(async () => {
    t = await startTestServer();
    tenantOne = await customerLogin(t.url, demoId('A').directNumber, demoId('A').password);
    const two = await customerLogin(t.url, demoTenant2Id('A').directNumber, demoTenant2Id('A').password);
    tenantTwo = two;
    before = (await call(t.url, 'GET', '/api/customer/overview', tenantOne)).body;
    const overview = before as { ids: { idId: number }[]; numbers: { numberId: number }[] };
    samples = {
      idIds: overview.ids.map((id) => id.idId),
      numberIds: overview.numbers.map((n) => n.numberId),
      asTenantOne: (method, path, body) => call(t.url, method, path, { ...tenantOne, ...(body === undefined ? {} : { body }) }),
    };
  });
  afterAll(async () => {
    await t.close();
  });

  const protectedRoutes = (): { method: string; path: string }[] => t.server.routes.filter((route) => !isPublic(route.method, route.path));
  const bodyFor = (method: string): { body?: unknown } => (method === 'GET' || method === 'DELETE' ? {} : { body: {} });
  const paramsOf = (path: string): string[] => path.split('/').filter((s) => s.startsWith(':')).map((s) => s.slice(1));
  /** The route's path with every `:param` replaced by tenant 1's sample ('1' for one without a sample). */
  const withSamples = async (path: string): Promise<string> => {
    let result = path;
    for (const name of paramsOf(path)) {
      const sample = TENANT_ONE_PARAMS[name];
      if (sample && !sampleValues.has(name)) sampleValues.set(name, await sample(samples));
      result = result.replace(`:${name}`, encodeURIComponent(sampleValues.get(name) ?? '1'));
    }
    return result;
  };
  const describeAnswer = (route: { method: string; path: string }, answer: ApiAnswer): string =>
    `${route.method} ${route.path} → ${answer.status} ${answer.code ?? ''}`;

  it('walks the router’s own list, which includes the customer and softphone APIs', () => {
    const listed = t.server.routes.map((route) => `${route.method} ${route.path}`);
    expect(listed).toEqual(expect.arrayContaining(['GET /api/customer/overview', 'PATCH /api/customer/ids/:idId', 'GET /api/softphone/config']));
    expect(protectedRoutes().length).toBeGreaterThan(10);
  });

  it('every non-public route refuses a request without credentials (401)', async () => {
    const wrong: string[] = [];
    for (const route of protectedRoutes()) {
      const path = await withSamples(route.path);
      const answer = await call(t.url, route.method, path, bodyFor(route.method));
      if (answer.status !== 401) wrong.push(describeAnswer(route, answer));
    }
    expect(wrong).toEqual([]);
  });

  it('every route naming a resource of tenant 1 refuses tenant 2 (403/404); routes without params never show tenant 1’s data', async () => {
    const wrong: string[] = [];
    // Every sample first, so list and search routes walked before a `:param` route see it too.
    for (const route of protectedRoutes()) await withSamples(route.path);
    for (const route of protectedRoutes()) {
      const params = paramsOf(route.path);
      const missing = params.filter((name) => !(name in TENANT_ONE_PARAMS));
      if (missing.length > 0) {
        wrong.push(`${route.method} ${route.path}: add a tenant-1 sample for :${missing.join(', :')} to TENANT_ONE_PARAMS`);
        continue;
      }
      const path = await withSamples(route.path);
      // A fresh softphone token each time: refresh and logout revoke the one they are given.
      const token = await softphoneLogin(t.url, demoTenant2Id('B').directNumber, demoTenant2Id('B').password);
      const answer = await call(t.url, route.method, path, { ...tenantTwo, token, ...bodyFor(route.method) });
      const leaked = TENANT_ONE_MARKERS.filter((marker) => JSON.stringify(answer.body).includes(marker));
      if (params.length > 0 && answer.status !== 403 && answer.status !== 404) wrong.push(describeAnswer(route, answer));
      else if (answer.status >= 500) wrong.push(describeAnswer(route, answer));
      else if (leaked.length > 0) wrong.push(`${describeAnswer(route, answer)} shows tenant 1's ${leaked.join(', ')}`);
    }
    expect(wrong).toEqual([]);
    // and nothing of tenant 1 was changed on the way
    expect((await call(t.url, 'GET', '/api/customer/overview', tenantOne)).body).toEqual(before);
    if (sampleValues.has('entryId')) {
      const entries = (await call(t.url, 'GET', '/api/customer/phonebook', tenantOne)).body as { entries: { id: number; name: string }[] };
      expect(entries.entries.find((e) => String(e.id) === sampleValues.get('entryId'))?.name).toBe('テナント1の取引先');
    }
  }, 60_000); // a softphone login (scrypt) per route: grows with the routes, slow on a loaded machine
});
