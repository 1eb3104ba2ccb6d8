import type { Result } from '../../src-shared/contract/result.js';
import { ok } from '../../src-shared/contract/result.js';
import { DEMO_TENANT, type DemoTenant } from './demo-tenant.js';
import { hashPassword } from './password-hash.js';
import type { TenantPlan } from './tenant-plan.js';
import type { TenantStore } from './tenant-store.js';

/** What the demo seed did on this start. */
export type DemoSeedOutcome = 'seeded' | 'skipped-existing-tenants';

/**
 * Seeds the demo tenant into an empty database. A database that already holds any tenant is
 * left alone, so a restart never duplicates or overwrites data.
 */
export async function seedDemoTenant(store: TenantStore, demo: DemoTenant = DEMO_TENANT): Promise<Result<DemoSeedOutcome>> {
  if (store.hasTenants()) return ok('skipped-existing-tenants');
  const plan = await demoTenantPlan(demo);
  // Hashing yields to the event loop: look again so two concurrent starts cannot both seed.
  if (store.hasTenants()) return ok('skipped-existing-tenants');
  const created = store.createTenant(plan);
  return created.ok ? ok('seeded') : created;
}

async function demoTenantPlan(demo: DemoTenant): Promise<TenantPlan> {
  const ids = await Promise.all(
    demo.ids.map(async ({ password, ...id }) => ({ ...id, passwordHash: await hashPassword(password) })),
  );
  return { name: demo.name, ids, companyNumbers: demo.companyNumbers };
}
