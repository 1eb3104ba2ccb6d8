import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDemoTenant } from './demo-seed.js';
import { DEMO_TENANT_2, demoId, demoTenant2Id } from './demo-tenant.js';
import { MIGRATIONS, migrate } from './migrations.js';
import { TenantStore } from './tenant-store.js';

describe('TenantAdmin (store)', () => {
  let dir: string;
  let store: TenantStore;
  let tenant1: number;
  let tenant2: number;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'plusphone-admin-'));
    store = TenantStore.open(join(dir, 'server.sqlite'));
    expect(await seedDemoTenant(store)).toEqual({ ok: true, value: 'seeded' });
    tenant1 = store.findIdentityBySipUser(demoId('A').directNumber)?.tenantId ?? 0;
    tenant2 = store.findIdentityBySipUser(demoTenant2Id('A').directNumber)?.tenantId ?? 0;
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('seeds both demo tenants, isolated, with the softphone option on', () => {
    expect(tenant1).not.toBe(tenant2);
    expect(store.admin.overview(tenant2)).toMatchObject({ tenantName: DEMO_TENANT_2.name, channels: 3, mainNumber: '05031000001' });
    expect(store.admin.overview(tenant1)?.ids.every((id) => id.softphoneOption)).toBe(true);
    expect(store.admin.findCustomerLoginAccount(demoId('B').directNumber)).toBeUndefined();
    expect(store.admin.findCustomerLoginAccount(demoId('A').directNumber)?.tenantId).toBe(tenant1);
  });

  it('bumps the tenant’s config version with every change, and not on a refused one or for other tenants', () => {
    const v1 = store.admin.configVersion(tenant1) ?? 0;
    const v2other = store.admin.configVersion(tenant2);
    const b = store.findIdentityBySipUser(demoId('B').directNumber)?.idId ?? 0;
    expect(store.admin.updateId(tenant1, b, { displayName: '鈴木 一郎' }).ok).toBe(true);
    expect(store.admin.configVersion(tenant1)).toBe(v1 + 1);
    expect(store.admin.updateId(tenant1, b, { extension: '203' })).toMatchObject({ ok: false, error: { code: 'rule-extension-unique' } });
    expect(store.admin.configVersion(tenant1)).toBe(v1 + 1);
    // tenant 2 cannot touch tenant 1's ID, and that is not-found, not a rule
    expect(store.admin.updateId(tenant2, b, { displayName: 'x' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(store.admin.configVersion(tenant2)).toBe(v2other);
    expect(store.tenantDirectory(tenant1)?.identities.find((i) => i.idId === b)?.displayName).toBe('鈴木 一郎');
  });

  it('turning the softphone option off ends that ID’s softphone sessions; removing an ID ends all of them', () => {
    const d = store.findIdentityBySipUser(demoId('D').directNumber)?.idId ?? 0;
    const e = store.findIdentityBySipUser(demoId('E').directNumber)?.idId ?? 0;
    const hash = (n: number): Buffer => Buffer.alloc(32, n);
    store.sessions.create({ tokenHash: hash(1), idId: d, purpose: 'softphone', expiresAt: Date.now() + 60_000, now: Date.now() });
    store.sessions.create({ tokenHash: hash(2), idId: e, purpose: 'softphone', expiresAt: Date.now() + 60_000, now: Date.now() });
    expect(store.admin.updateId(tenant1, d, { deviceKind: 'ipPhone', softphoneOption: false }).ok).toBe(true);
    expect(store.sessions.findLive(hash(1), Date.now())).toBeUndefined();
    // E is in tenant 1 with 2 追加番号 and 4 追加IDs: removing it is allowed
    expect(store.admin.removeId(tenant1, e).ok).toBe(true);
    expect(store.sessions.findLive(hash(2), Date.now())).toBeUndefined();
    expect(store.tenantDirectory(tenant1)?.companyNumbers.every((n) => !n.ringSet.includes(e))).toBe(true);
  });

  it('migration v2 upgrades an issue-2 database: existing IDs keep working with the softphone option on', () => {
    const path = join(dir, 'old.sqlite');
    const old = new Database(path);
    migrate(old, MIGRATIONS.filter((m) => m.version === 1));
    old.prepare('INSERT INTO tenants (name, created_at) VALUES (?, ?)').run('旧契約', 1);
    old
      .prepare(
        `INSERT INTO ids (tenant_id, kind, device_kind, direct_number, extension, display_name, password_hash, sip_secret, default_caller_number, created_at)
         VALUES (1, 'basic', 'softphone', '05099990001', '201', '旧', 'x', 'y', '05099990001', 1)`,
      )
      .run();
    old.close();
    const upgraded = TenantStore.open(path);
    try {
      expect(upgraded.admin.configVersion(1)).toBe(1);
      expect(upgraded.admin.idOwner(1)).toEqual({ tenantId: 1, kind: 'basic', softphoneOption: true });
    } finally {
      upgraded.close();
    }
  });
});
