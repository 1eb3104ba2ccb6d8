import type Database from 'better-sqlite3';

/**
 * A per-tenant counter of settings changes (tenants.config_version, migration v2). Every write
 * that changes what a softphone or the PBX sees bumps it in the same transaction, so a softphone
 * polling `GET /api/softphone/config` with `If-None-Match` notices any committed change and
 * nothing half-done. Other features whose data ends up in the softphone config (CRM templates,
 * park-slot names…) call `bumpConfigVersion` inside their own write transaction too.
 */
export function bumpConfigVersion(db: Database.Database, tenantId: number): void {
  db.prepare('UPDATE tenants SET config_version = config_version + 1 WHERE id = ?').run(tenantId);
}

/** The tenant's current config version, or undefined when there is no such tenant. */
export function configVersion(db: Database.Database, tenantId: number): number | undefined {
  const row = db.prepare('SELECT config_version FROM tenants WHERE id = ?').get(tenantId) as { config_version: number } | undefined;
  return row?.config_version;
}
