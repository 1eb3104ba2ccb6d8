import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDemoTenant } from './demo-seed.js';
import { TenantStore } from './tenant-store.js';

describe('park settings (migration v5)', () => {
  let dir: string;
  let store: TenantStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'plusphone-park-'));
    store = TenantStore.open(join(dir, 'server.sqlite'));
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a tenant recalls parked calls after 180 s unless set otherwise; the PBX directory carries it', async () => {
    await seedDemoTenant(store);
    const tenantId = store.findIdentityBySipUser('05030000001')!.tenantId;
    expect(store.parkSettings.recallSeconds(tenantId)).toBe(180);
    expect(store.tenantDirectory(tenantId)?.parkRecallSeconds).toBe(180);
    expect(store.parkSettings.setRecallSeconds(tenantId, 45)).toBe(true);
    expect(store.tenantDirectory(tenantId)?.parkRecallSeconds).toBe(45);
    expect(store.parkSettings.setRecallSeconds(9999, 45)).toBe(false);
  });

  it('refuses a recall time outside 10–3600 s, in code and in the schema', async () => {
    await seedDemoTenant(store);
    const tenantId = store.findIdentityBySipUser('05030000001')!.tenantId;
    for (const bad of [9, 3601, 12.5, Number.NaN]) expect(() => store.parkSettings.setRecallSeconds(tenantId, bad)).toThrow(RangeError);
    expect(() => store.database.prepare('UPDATE tenants SET park_recall_seconds = 5 WHERE id = ?').run(tenantId)).toThrow(/CHECK/);
    expect(store.parkSettings.recallSeconds(tenantId)).toBe(180);
  });
});
