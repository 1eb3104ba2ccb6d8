import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CustomerSession } from '../customer-page/customer-session.js';
import { listenHttp, type HttpListener } from '../http/http-listener.js';
import { createRequestHandler } from '../http/request-handler.js';
import type { ApiRequest, Route } from '../http/route.js';
import { createSilentLogger } from '../log/logger.js';
import { seedDemoTenant } from '../store/demo-seed.js';
import { DEMO_TENANT, DEMO_TENANT_2 } from '../store/demo-tenant.js';
import { TenantStore } from '../store/tenant-store.js';

/**
 * For route tests of the call log, billing and templates: the seeded store in a temp file and
 * the routes on a real HTTP listener, with sessions stubbed by headers (`X-Test-Tenant`,
 * `X-Test-Id`), so the routes are tested on their own, before and apart from the login flows.
 */
export const TEST_CSRF_TOKEN = 'test-csrf-token';

export interface RouteHarness {
  store: TenantStore;
  url: string;
  tenant1: number;
  tenant2: number;
  close(): Promise<void>;
}

export function stubCustomerAuth(request: Pick<ApiRequest, 'headers'>): CustomerSession | null {
  const tenant = Number(request.headers['x-test-tenant']);
  return Number.isInteger(tenant) && tenant > 0 ? { tenantId: tenant, adminIdId: 0, csrfToken: TEST_CSRF_TOKEN } : null;
}

export function stubSoftphoneAuth(request: Pick<ApiRequest, 'headers'>): { tenantId: number; idId: number } | null {
  const tenant = Number(request.headers['x-test-tenant']);
  const id = Number(request.headers['x-test-id'] ?? 1);
  return Number.isInteger(tenant) && tenant > 0 ? { tenantId: tenant, idId: id } : null;
}

export async function startRouteHarness(routesFor: (store: TenantStore) => Route[]): Promise<RouteHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'plusphone-routes-'));
  const store = TenantStore.open(join(dir, 'server.sqlite'));
  let listener: HttpListener | undefined;
  try {
    const seeded = await seedDemoTenant(store);
    if (!seeded.ok) throw new Error(seeded.error.message);
    const tenantIdOf = (name: string): number =>
      (store.database.prepare('SELECT id FROM tenants WHERE name = ?').get(name) as { id: number }).id;
    listener = await listenHttp({ host: '127.0.0.1', port: 0 });
    listener.serve({
      request: createRequestHandler({ routes: routesFor(store), logger: createSilentLogger() }),
      upgrade: (_req, socket) => socket.destroy(),
    });
    const opened = listener;
    return {
      store,
      url: `http://127.0.0.1:${opened.port}`,
      tenant1: tenantIdOf(DEMO_TENANT.name),
      tenant2: tenantIdOf(DEMO_TENANT_2.name),
      async close() {
        await opened.close();
        store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await listener?.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
