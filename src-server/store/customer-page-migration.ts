import type { Migration } from './migrations.js';

/**
 * v2: what the customer page edits beyond issue 2's schema.
 * - `ids.softphone_option`: the paid softphone option (ソフトフォン, 650円/月) per ID; a softphone
 *   may only log in with it on. Existing IDs (the demo seed) were softphones, so they start on.
 * - `tenants.config_version`: bumped in the same transaction as every change to a tenant's
 *   settings, so running softphones can poll their config with an ETag and see the change.
 * - ring-set members stay in their tenant on UPDATE too (v1 guarded INSERT only).
 */
export const CUSTOMER_PAGE_MIGRATION: Migration = {
  version: 2,
  name: 'customer page: softphone option, per-tenant config version',
  sql: `
    ALTER TABLE ids ADD COLUMN softphone_option INTEGER NOT NULL DEFAULT 1 CHECK (softphone_option IN (0, 1));
    ALTER TABLE tenants ADD COLUMN config_version INTEGER NOT NULL DEFAULT 1 CHECK (config_version >= 1);

    CREATE TRIGGER ring_set_members_same_tenant_update
      BEFORE UPDATE ON ring_set_members
      WHEN (SELECT tenant_id FROM company_numbers WHERE id = NEW.company_number_id)
           IS NOT (SELECT tenant_id FROM ids WHERE id = NEW.id_id)
      BEGIN SELECT RAISE(ABORT, 'ring set member belongs to another tenant'); END;
  `,
};
