import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_TENANT, DEMO_TENANT_2, demoId, demoTenant2Id, type DemoIdKey } from './demo-tenant.js';
import { seedDemoTenant } from './demo-seed.js';
import { verifyPassword } from './password-hash.js';
import { TenantStore } from './tenant-store.js';
import type { TenantPlan } from './tenant-plan.js';

describe('TenantStore with the demo tenant', () => {
  let dir: string;
  let dbPath: string;
  let store: TenantStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'plusphone-store-'));
    dbPath = join(dir, 'server.sqlite');
    store = TenantStore.open(dbPath);
    const seeded = await seedDemoTenant(store);
    expect(seeded).toEqual({ ok: true, value: 'seeded' });
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const tenantIdOfDemo = (): number => {
    const identity = store.findIdentityBySipUser(demoId('A').directNumber);
    if (!identity) throw new Error('demo ID A missing');
    return identity.tenantId;
  };

  it('seeds 3 company numbers and 5 IDs with the ring sets of the brief', () => {
    const directory = store.tenantDirectory(tenantIdOfDemo());
    if (!directory) throw new Error('demo tenant missing');
    expect(directory.tenantName).toBe('株式会社デモ商事');
    expect(directory.identities).toHaveLength(5);
    expect(directory.companyNumbers.map(({ number, kind, label }) => ({ number, kind, label }))).toEqual([
      { number: '0355550100', kind: 'contract', label: '代表' },
      { number: '0355550200', kind: 'additional', label: '営業部' },
      { number: '0355550300', kind: 'additional', label: 'サポート' },
    ]);

    const keyOfIdId = new Map<number, DemoIdKey>(
      DEMO_TENANT.ids.map((demo) => [store.findIdentityBySipUser(demo.directNumber)?.idId ?? -1, demo.key]),
    );
    const ringSets = directory.companyNumbers.map((n) => n.ringSet.map((idId) => keyOfIdId.get(idId)).sort());
    expect(ringSets).toEqual([['A', 'B', 'C', 'D', 'E'], ['A', 'B', 'C'], ['D', 'E']]);

    expect(directory.identities.map((i) => [i.extension, i.displayName, i.directNumber, i.defaultCallerNumber])).toEqual([
      ['201', '佐藤', '05030000001', '0355550100'],
      ['202', '鈴木', '05030000002', '0355550100'],
      ['203', '高橋', '05030000003', '0355550100'],
      ['204', '田中', '05030000004', '0355550100'],
      ['205', '伊藤', '05030000005', '0355550100'],
    ]);
  });

  it('gives each ID its own random SIP secret, distinct from its login password', () => {
    const secrets = DEMO_TENANT.ids.map((demo) => {
      const identity = store.findIdentityBySipUser(demo.directNumber);
      expect(identity?.sipUser).toBe(demo.directNumber);
      expect(identity?.sipPassword).not.toBe(demo.password);
      return identity?.sipPassword;
    });
    expect(new Set(secrets).size).toBe(5);
    for (const secret of secrets) expect(secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('stores login passwords only as scrypt hashes that verify', async () => {
    const a = store.findLoginAccount(demoId('A').directNumber);
    if (!a) throw new Error('login account A missing');
    expect(a.passwordHash).toMatch(/^\$scrypt\$ln=\d+,r=\d+,p=\d+\$/);
    expect(await verifyPassword('plus-demo-a', a.passwordHash)).toBe(true);
    expect(await verifyPassword('plus-demo-b', a.passwordHash)).toBe(false);

    store.close();
    for (const file of [dbPath, `${dbPath}-wal`]) {
      if (!existsSync(file)) continue;
      const bytes = readFileSync(file);
      for (const demo of DEMO_TENANT.ids) expect(bytes.includes(Buffer.from(demo.password))).toBe(false);
    }
  });

  it('does not seed again on a database that already has a tenant, also after reopening', async () => {
    expect(await seedDemoTenant(store)).toEqual({ ok: true, value: 'skipped-existing-tenants' });
    store.close();
    store = TenantStore.open(dbPath);
    expect(await seedDemoTenant(store)).toEqual({ ok: true, value: 'skipped-existing-tenants' });
    expect(store.tenantDirectory(tenantIdOfDemo())?.identities).toHaveLength(5);
  });

  it('finds the tenant owning a company number or a direct number, across tenants, never by extension', () => {
    const tenant1 = tenantIdOfDemo();
    const tenant2 = store.findIdentityBySipUser(demoTenant2Id('A').directNumber)?.tenantId;
    expect(tenant2).toBeDefined();
    expect(tenant2).not.toBe(tenant1);
    for (const { number } of DEMO_TENANT.companyNumbers) expect(store.findNumberOwner(number)).toBe(tenant1);
    for (const { number } of DEMO_TENANT_2.companyNumbers) expect(store.findNumberOwner(number)).toBe(tenant2);
    expect(store.findNumberOwner(demoId('D').directNumber)).toBe(tenant1);
    expect(store.findNumberOwner(demoTenant2Id('C').directNumber)).toBe(tenant2);
    expect(store.findNumberOwner(demoTenant2Id('C').extension)).toBeUndefined();
    expect(store.findNumberOwner('0312345678')).toBeUndefined();
  });

  it('answers unknown users and tenants with undefined', () => {
    expect(store.findIdentityBySipUser('09999999999')).toBeUndefined();
    expect(store.findLoginAccount('')).toBeUndefined();
    expect(store.tenantDirectory(9999)).toBeUndefined();
  });

  it('refuses a second tenant that reuses a number, and writes nothing of it', () => {
    const plan: TenantPlan = {
      name: '別の会社',
      ids: [
        { key: 'X', kind: 'basic', deviceKind: 'softphone', directNumber: '05039999999', extension: '201', displayName: '山田', passwordHash: 'x', defaultCallerNumber: '0355550100' },
      ],
      // the demo tenant's contract number
      companyNumbers: [{ number: '0355550100', kind: 'contract', label: '代表', ringSet: ['X'] }],
    };
    const result = store.createTenant(plan);
    expect(result).toEqual({ ok: false, error: { code: 'invalid-argument', message: '既に使われている番号があります' } });
    expect(store.findIdentityBySipUser('05039999999')).toBeUndefined();
  });

  it('refuses a direct number that is another tenant\'s company number', () => {
    const result = store.createTenant({
      name: '別の会社',
      ids: [
        { key: 'X', kind: 'basic', deviceKind: 'softphone', directNumber: '0355550200', extension: '201', displayName: '山田', passwordHash: 'x', defaultCallerNumber: '0366660100' },
      ],
      companyNumbers: [{ number: '0366660100', kind: 'contract', label: '代表', ringSet: ['X'] }],
    });
    expect(result.ok).toBe(false);
  });

  it('keeps sessions by token hash until they expire', () => {
    const idId = store.findIdentityBySipUser(demoId('B').directNumber)?.idId ?? -1;
    const tokenHash = createHash('sha256').update('a token').digest();
    store.sessions.create({ tokenHash, idId, purpose: 'softphone', now: 1_000, expiresAt: 2_000 });
    expect(store.sessions.findLive(tokenHash, 1_999)).toEqual({ idId, purpose: 'softphone', expiresAt: 2_000 });
    expect(store.sessions.findLive(tokenHash, 2_000)).toBeUndefined();
    expect(store.sessions.purgeExpired(2_000)).toBe(1);
    expect(store.sessions.purgeExpired(2_000)).toBe(0);
  });
});
