import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { type Result, fail, ok } from '../../src-shared/contract/result.js';
import type { TenantPlan } from './tenant-plan.js';
import { checkTenantPlan } from './tenant-rules.js';

/** A fresh SIP digest secret: 192 random bits, URL-safe so any SIP stack can carry it. */
export function generateSipSecret(): string {
  return randomBytes(24).toString('base64url');
}

export interface CreatedTenant {
  tenantId: number;
  /** database id of each ID, by its plan key */
  idIds: ReadonlyMap<string, number>;
}

/** Writes a whole tenant in one transaction: either all of it exists afterwards or none of it. */
export function createTenant(db: Database.Database, plan: TenantPlan, now: number = Date.now()): Result<CreatedTenant> {
  const checked = checkTenantPlan(plan);
  if (!checked.ok) return checked;

  const insertTenant = db.prepare('INSERT INTO tenants (name, created_at) VALUES (?, ?)');
  const insertId = db.prepare(
    `INSERT INTO ids (tenant_id, kind, device_kind, direct_number, extension, display_name, password_hash,
                      sip_secret, default_caller_number, created_at)
     VALUES (@tenantId, @kind, @deviceKind, @directNumber, @extension, @displayName, @passwordHash,
             @sipSecret, @defaultCallerNumber, @now)`,
  );
  const insertNumber = db.prepare(
    'INSERT INTO company_numbers (tenant_id, number, kind, label, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const insertMember = db.prepare('INSERT INTO ring_set_members (company_number_id, id_id) VALUES (?, ?)');

  const write = db.transaction((): CreatedTenant => {
    const tenantId = Number(insertTenant.run(plan.name.trim(), now).lastInsertRowid);
    const idIds = new Map<string, number>();
    for (const id of plan.ids) {
      const { lastInsertRowid } = insertId.run({
        tenantId,
        kind: id.kind,
        deviceKind: id.deviceKind,
        directNumber: id.directNumber,
        extension: id.extension,
        displayName: id.displayName.trim(),
        passwordHash: id.passwordHash,
        sipSecret: generateSipSecret(),
        defaultCallerNumber: id.defaultCallerNumber,
        now,
      });
      idIds.set(id.key, Number(lastInsertRowid));
    }
    for (const companyNumber of plan.companyNumbers) {
      const numberId = insertNumber.run(tenantId, companyNumber.number, companyNumber.kind, companyNumber.label, now).lastInsertRowid;
      for (const key of companyNumber.ringSet) insertMember.run(numberId, idIds.get(key));
    }
    return { tenantId, idIds };
  });
  try {
    return ok(write.immediate());
  } catch (error) {
    // Uniqueness across tenants (numbers) is only known to the database.
    if (error instanceof Database.SqliteError && error.code.startsWith('SQLITE_CONSTRAINT')) {
      return fail('invalid-argument', /number/.test(error.message) ? '既に使われている番号があります' : '既存の登録内容と矛盾しています');
    }
    throw error;
  }
}
