import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../log/logger.js';
import type { PbxCallRecord } from '../pbx/index.js';
import { CallLogQueries } from './call-log-queries.js';
import { createCallLogRecorder } from './call-log-recorder.js';
import { callLogRoutes } from './call-log-routes.js';
import { startRouteHarness, stubCustomerAuth, type RouteHarness } from './route-test-harness.js';

const APRIL = Date.parse('2026-04-10T09:00:00+09:00');
const MAY_FIRST_JST = Date.parse('2026-05-01T00:30:00+09:00'); // still 30 April in UTC

describe('call log API', () => {
  let harness: RouteHarness;
  let record: (r: PbxCallRecord) => void;
  let ids: { a: number; b: number; c: number };

  beforeAll(async () => {
    harness = await startRouteHarness((store) => {
      const callLog = new CallLogQueries(store.database);
      record = createCallLogRecorder(callLog, createSilentLogger());
      return callLogRoutes({ callLog, authenticateCustomer: stubCustomerAuth, now: () => APRIL });
    });
    const idOf = (number: string) =>
      (harness.store.database.prepare('SELECT id FROM ids WHERE direct_number = ?').get(number) as { id: number }).id;
    ids = { a: idOf('05030000001'), b: idOf('05030000002'), c: idOf('05030000003') };
    const base = { kind: 'internal', tenantId: harness.tenant1, callerIdId: ids.a, callerNumber: '201', callerDisplayName: '佐藤' } as const;
    for (let i = 0; i < 5; i += 1) {
      record({ ...base, callId: `answered-${i}`, dialled: '202', calleeIdIds: [ids.b], startedAt: APRIL + i * 60_000, answeredAt: APRIL + i * 60_000 + 2_000, endedAt: APRIL + i * 60_000 + 32_000, outcome: 'answered', answeredByIdId: ids.b });
    }
    record({ ...base, callId: 'missed', dialled: '0355550200', companyNumber: '0355550200', calleeIdIds: [ids.b, ids.c], startedAt: APRIL + 3_600_000, endedAt: APRIL + 3_660_000, outcome: 'noAnswer', finalStatus: 480 });
    // the same PBX call reported twice is stored once
    record({ ...base, callId: 'missed', dialled: '0355550200', calleeIdIds: [], startedAt: APRIL, endedAt: APRIL, outcome: 'noAnswer' });
    record({ ...base, callId: 'may', dialled: '202', calleeIdIds: [ids.b], startedAt: MAY_FIRST_JST, endedAt: MAY_FIRST_JST + 1000, outcome: 'cancelled', finalStatus: 487 });
  });
  afterAll(() => harness.close());

  const get = (path: string, tenant?: number) =>
    fetch(`${harness.url}${path}`, { headers: tenant === undefined ? {} : { 'X-Test-Tenant': String(tenant) } });

  it('lists a JST month newest first with every field', async () => {
    const response = await get('/api/customer/call-log?month=2026-04', harness.tenant1);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { total: number; entries: Record<string, unknown>[]; month: string };
    expect(body).toMatchObject({ month: '2026-04', total: 6, offset: 0, limit: 50 });
    expect(body.entries.map((e) => e.result)).toEqual(['noAnswer', 'answered', 'answered', 'answered', 'answered', 'answered']);
    expect(body.entries[0]).toMatchObject({
      kind: 'internal',
      callerIdId: ids.a,
      callerNumber: '201',
      callerName: '佐藤',
      dialledNumber: '0355550200',
      companyNumber: '0355550200',
      calleeIdIds: [ids.b, ids.c],
      answeredByIdId: null,
      answeredAt: null,
      durationSeconds: 0,
      chargeYen: 0,
    });
    expect(body.entries[1]).toMatchObject({ answeredByIdId: ids.b, durationSeconds: 30, chargeYen: 0, chargeRate: 'free' });
  });

  it('pages with offset and limit, and puts 00:30 JST on 1 May into May', async () => {
    const page = (await (await get('/api/customer/call-log?month=2026-04&offset=4&limit=2', harness.tenant1)).json()) as {
      entries: { startedAt: number }[];
    };
    expect(page.entries.map((e) => e.startedAt)).toEqual([APRIL + 60_000, APRIL]);
    const may = (await (await get('/api/customer/call-log?month=2026-05', harness.tenant1)).json()) as { total: number };
    expect(may.total).toBe(1);
    // no month = the current JST month (the injected clock says April)
    expect(((await (await get('/api/customer/call-log', harness.tenant1)).json()) as { month: string }).month).toBe('2026-04');
  });

  it('sums a month by kind', async () => {
    const response = await get('/api/customer/call-log/summary?month=2026-04', harness.tenant1);
    expect(await response.json()).toEqual({
      month: '2026-04',
      calls: 6,
      answered: 5,
      durationSeconds: 150,
      chargeYen: 0,
      unpricedCalls: 0,
      byKind: {
        internal: { calls: 6, answered: 5, durationSeconds: 150, chargeYen: 0, unpricedCalls: 0 },
        outgoingOutside: { calls: 0, answered: 0, durationSeconds: 0, chargeYen: 0, unpricedCalls: 0 },
        incomingOutside: { calls: 0, answered: 0, durationSeconds: 0, chargeYen: 0, unpricedCalls: 0 },
      },
    });
  });

  it('shows another tenant none of these calls', async () => {
    expect(((await (await get('/api/customer/call-log?month=2026-04', harness.tenant2)).json()) as { total: number }).total).toBe(0);
    expect(((await (await get('/api/customer/call-log/summary?month=2026-04', harness.tenant2)).json()) as { calls: number }).calls).toBe(0);
  });

  it('refuses without a session (401) and with bad parameters (400)', async () => {
    expect((await get('/api/customer/call-log?month=2026-04')).status).toBe(401);
    expect((await get('/api/customer/call-log/summary')).status).toBe(401);
    for (const query of ['month=2026-4', 'month=2026-13', 'limit=0', 'limit=201', 'offset=-1', 'limit=abc', 'month=2026-04&month=2026-05']) {
      const response = await get(`/api/customer/call-log?${query}`, harness.tenant1);
      expect(response.status, query).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('invalid-argument');
    }
  });
});
