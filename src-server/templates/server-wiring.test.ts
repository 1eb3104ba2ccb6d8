import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../app.js';
import { createSilentLogger } from '../log/logger.js';
import { demoId, DEMO_TENANT_2 } from '../store/demo-tenant.js';

/**
 * The call-log, fee-estimate, template and update-feed features as startServer wires them: real
 * logins (customer cookie + CSRF, softphone bearer), real HTTP.
 */
describe('call log, fees, templates and the update feed in the real server', () => {
  let dir: string;
  let server: RunningServer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'plusphone-cdr-wiring-'));
    const updates = join(dir, 'updates');
    mkdirSync(updates);
    writeFileSync(join(updates, 'latest.yml'), 'version: 9.9.9\n');
    server = await startServer({ port: 0, dbPath: join(dir, 'server.sqlite'), updateFeedDir: updates, logger: createSilentLogger() });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const customerLogin = async (mainNumber: string, password: string) => {
    const response = await fetch(`${server.httpUrl}/api/customer/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ mainNumber, password }),
    });
    expect(response.status).toBe(200);
    const { csrfToken } = (await response.json()) as { csrfToken: string };
    return { cookie: (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '', csrfToken };
  };
  const softphoneToken = async (loginId: string, password: string) => {
    const response = await fetch(`${server.httpUrl}/api/softphone/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ loginId, password }),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { token: string }).token;
  };

  it('an admin saves a CRM template; softphones of that tenant read it, the other tenant does not', async () => {
    const A = demoId('A');
    const admin = await customerLogin(A.directNumber, A.password);
    const crmUrl = 'https://crm.example.jp/search?tel={number}';
    const noCsrf = await fetch(`${server.httpUrl}/api/customer/templates`, {
      method: 'PUT',
      headers: { Cookie: admin.cookie, 'Content-Type': 'application/json' },
      body: JSON.stringify({ crmUrl, numberSearchUrl: null }),
    });
    expect(noCsrf.status).toBe(403);
    const saved = await fetch(`${server.httpUrl}/api/customer/templates`, {
      method: 'PUT',
      headers: { Cookie: admin.cookie, 'Content-Type': 'application/json', 'X-CSRF-Token': admin.csrfToken },
      body: JSON.stringify({ crmUrl, numberSearchUrl: null }),
    });
    expect(saved.status).toBe(200);

    const B = demoId('B');
    const token = await softphoneToken(B.directNumber, B.password);
    const seen = await fetch(`${server.httpUrl}/api/softphone/templates`, { headers: { Authorization: `Bearer ${token}` } });
    expect(await seen.json()).toMatchObject({ crmUrl });
    const slots = await fetch(`${server.httpUrl}/api/softphone/park-slots`, { headers: { Authorization: `Bearer ${token}` } });
    expect(((await slots.json()) as { slots: unknown[] }).slots).toHaveLength(8);

    const other = DEMO_TENANT_2.ids[0]!;
    const otherToken = await softphoneToken(other.directNumber, other.password);
    const otherSeen = await fetch(`${server.httpUrl}/api/softphone/templates`, { headers: { Authorization: `Bearer ${otherToken}` } });
    expect(await otherSeen.json()).toMatchObject({ crmUrl: null });
  });

  it('serves the fee estimate and an empty call log to a logged-in admin, and nothing without a session', async () => {
    const A = demoId('A');
    const admin = await customerLogin(A.directNumber, A.password);
    const fees = await fetch(`${server.httpUrl}/api/customer/fee-estimate`, { headers: { Cookie: admin.cookie } });
    expect(fees.status).toBe(200);
    expect(((await fees.json()) as { monthlyYen: number }).monthlyYen).toBeGreaterThan(0);
    const log = await fetch(`${server.httpUrl}/api/customer/call-log/summary?month=2026-01`, { headers: { Cookie: admin.cookie } });
    expect(await log.json()).toMatchObject({ month: '2026-01', calls: 0 });
    for (const path of ['/api/customer/fee-estimate', '/api/customer/call-log', '/api/customer/call-log/summary', '/api/customer/templates']) {
      expect((await fetch(`${server.httpUrl}${path}`)).status, path).toBe(401);
    }
  });

  it('serves the update feed at /updates/ beside the API', async () => {
    const response = await fetch(`${server.httpUrl}/updates/latest.yml`, { headers: { Range: 'bytes=0-6' } });
    expect(response.status).toBe(206);
    expect(await response.text()).toBe('version');
    expect((await fetch(`${server.httpUrl}/updates/nothing.exe`)).status).toBe(404);
    expect((await fetch(`${server.httpUrl}/healthz`)).status).toBe(200);
  });
});
