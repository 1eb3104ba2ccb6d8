import type { Result } from '../../src-shared/contract/result.js';
import { ok } from '../../src-shared/contract/result.js';
import { seedDemoPhonebook } from '../phonebook/demo-phonebook.js';
import { seedDemoIvrMenu } from './demo-ivr-menu.js';
import { DEMO_TENANTS, type DemoTenant } from './demo-tenant.js';
import { hashPassword } from './password-hash.js';
import type { TenantPlan } from './tenant-plan.js';
import type { TenantStore } from './tenant-store.js';

/** What the demo seed did on this start. */
export type DemoSeedOutcome = 'seeded' | 'skipped-existing-tenants';

/**
 * Seeds the demo tenants (both, by default) into an empty database. A database that already holds any tenant is
 * left alone, so a restart never duplicates or overwrites data.
 */
export async function seedDemoTenant(
  store: TenantStore,
  demo: DemoTenant | readonly DemoTenant[] = DEMO_TENANTS,
): Promise<Result<DemoSeedOutcome>> {
  if (store.hasTenants()) return ok('skipped-existing-tenants');
  const plans = await Promise.all((isTenantList(demo) ? demo : [demo]).map(demoTenantPlan));
  // Hashing yields to the event loop: look again so two concurrent starts cannot both seed.
  if (store.hasTenants()) return ok('skipped-existing-tenants');
  for (const plan of plans) {
    const created = store.createTenant(plan);
    if (!created.ok) return created;
    seedDemoPhonebook(store.database, created.value.tenantId, plan.name);
    seedDemoIvrMenu(store, created.value.tenantId, plan.name);
  }
  return ok('seeded');
}

function isTenantList(demo: DemoTenant | readonly DemoTenant[]): demo is readonly DemoTenant[] {
  return Array.isArray(demo);
}

async function demoTenantPlan(demo: DemoTenant): Promise<TenantPlan> {
  const ids = await Promise.all(
    demo.ids.map(async ({ password, ...id }) => ({ ...id, passwordHash: await hashPassword(password) })),
  );
  return { name: demo.name, ids, companyNumbers: demo.companyNumbers };
}
