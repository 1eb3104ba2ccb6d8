import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeeEstimate } from '../../src-shared/domain/fee-estimate.js';
import { startRouteHarness, stubCustomerAuth, type RouteHarness } from '../call-log/route-test-harness.js';
import { FeeEstimateQueries } from './fee-estimate-queries.js';
import { feeEstimateRoutes } from './fee-estimate-routes.js';

describe('fee estimate API', () => {
  let harness: RouteHarness;
  beforeAll(async () => {
    harness = await startRouteHarness((store) => feeEstimateRoutes({ fees: new FeeEstimateQueries(store.database), authenticateCustomer: stubCustomerAuth }));
  });
  afterAll(() => harness.close());

  const estimate = async (tenant: number): Promise<FeeEstimate> => {
    const response = await fetch(`${harness.url}/api/customer/fee-estimate`, { headers: { 'X-Test-Tenant': String(tenant) } });
    expect(response.status).toBe(200);
    return (await response.json()) as FeeEstimate;
  };

  it('prices the demo tenant from its IDs and numbers (3 numbers, 5 softphone IDs)', async () => {
    const fees = await estimate(harness.tenant1);
    expect(fees.initialYen).toBe(5 * 5_000);
    expect(fees.monthlyYen).toBe(380 + 2 * 300 + 1_280 + 4 * 900 + 5 * 650);
    expect(fees.lines.map((line) => [line.label, line.quantity])).toEqual([
      ['契約番号', 1],
      ['追加番号', 2],
      ['基本ID', 1],
      ['追加ID', 4],
      ['ソフトフォン利用料', 5],
    ]);
  });

  it('follows changes: an ID switched to an IP phone without the softphone option', async () => {
    const before = await estimate(harness.tenant1);
    harness.store.database
      .prepare("UPDATE ids SET device_kind = 'ipPhone', softphone_option = 0 WHERE direct_number = '05030000005'")
      .run();
    const after = await estimate(harness.tenant1);
    expect(after.initialYen - before.initialYen).toBe(13_600);
    expect(after.monthlyYen - before.monthlyYen).toBe(0); // 650 for the phone instead of 650 for the softphone
    expect(after.lines.find((line) => line.item === 'ipPhone')).toMatchObject({ quantity: 1, label: '専用IP電話機（Grandstream製）' });
  });

  it('prices each tenant from its own data only', async () => {
    const other = await estimate(harness.tenant2);
    const ownIds = harness.store.database.prepare('SELECT count(*) AS n FROM ids WHERE tenant_id = ?').get(harness.tenant2) as { n: number };
    const idLines = other.lines.filter((line) => line.item === 'basicId' || line.item === 'additionalId');
    expect(idLines.reduce((sum, line) => sum + line.quantity, 0)).toBe(ownIds.n);
  });

  it('needs a session (401); an unknown tenant is 404', async () => {
    expect((await fetch(`${harness.url}/api/customer/fee-estimate`)).status).toBe(401);
    expect((await fetch(`${harness.url}/api/customer/fee-estimate`, { headers: { 'X-Test-Tenant': '999' } })).status).toBe(404);
  });
});
