import type Database from 'better-sqlite3';
import type { CompanyNumber, PbxIdentity, TenantDirectory } from '../pbx/directory.js';
import { IvrMenuStore } from './ivr-menu-store.js';
import { ParkSettingsStore } from './park-settings-store.js';

/** Reads tenants, IDs and company numbers in the shapes the PBX and provisioning use. */
export interface LoginAccount {
  idId: number;
  passwordHash: string;
}

interface IdentityRow {
  id: number;
  tenant_id: number;
  direct_number: string;
  sip_secret: string;
  display_name: string;
  extension: string;
  default_caller_number: string;
}

interface CompanyNumberRow {
  id: number;
  number: string;
  label: string;
  kind: 'contract' | 'additional';
}

const IDENTITY_COLUMNS = 'id, tenant_id, direct_number, sip_secret, display_name, extension, default_caller_number';

export class DirectoryQueries {
  private readonly identityBySipUser: Database.Statement<[string], IdentityRow>;
  private readonly identityById: Database.Statement<[number], IdentityRow>;
  private readonly identitiesOfTenant: Database.Statement<[number], IdentityRow>;
  private readonly tenantName: Database.Statement<[number], { name: string }>;
  private readonly companyNumbersOfTenant: Database.Statement<[number], CompanyNumberRow>;
  private readonly ringSetsOfTenant: Database.Statement<[number], { company_number_id: number; id_id: number }>;
  private readonly loginAccount: Database.Statement<[string], { id: number; password_hash: string }>;
  private readonly anyTenant: Database.Statement<[], { found: number }>;
  private readonly numberOwner: Database.Statement<{ number: string }, { tenant_id: number }>;
  private readonly ivrMenus: IvrMenuStore;
  private readonly parkSettings: ParkSettingsStore;
  /** one read transaction, so the tenant, its IDs, numbers and ring sets come from one snapshot */
  private readonly readTenantDirectory: (tenantId: number) => TenantDirectory | undefined;

  constructor(db: Database.Database) {
    this.identityBySipUser = db.prepare(`SELECT ${IDENTITY_COLUMNS} FROM ids WHERE direct_number = ?`);
    this.identityById = db.prepare(`SELECT ${IDENTITY_COLUMNS} FROM ids WHERE id = ?`);
    // Basic ID first, then by extension: the order people expect in a colleague list.
    this.identitiesOfTenant = db.prepare(
      `SELECT ${IDENTITY_COLUMNS} FROM ids WHERE tenant_id = ? ORDER BY kind = 'basic' DESC, CAST(extension AS INTEGER), id`,
    );
    this.tenantName = db.prepare('SELECT name FROM tenants WHERE id = ?');
    // Contract number first, then additional numbers in the order they were added.
    this.companyNumbersOfTenant = db.prepare(
      `SELECT id, number, label, kind FROM company_numbers WHERE tenant_id = ? ORDER BY kind = 'contract' DESC, id`,
    );
    this.ringSetsOfTenant = db.prepare(
      `SELECT r.company_number_id, r.id_id FROM ring_set_members r
         JOIN company_numbers c ON c.id = r.company_number_id
        WHERE c.tenant_id = ? ORDER BY r.id_id`,
    );
    this.loginAccount = db.prepare('SELECT id, password_hash FROM ids WHERE direct_number = ?');
    this.anyTenant = db.prepare('SELECT EXISTS (SELECT 1 FROM tenants) AS found');
    // Both columns are UNIQUE and a number is never both (migration triggers): at most one row.
    this.numberOwner = db.prepare(
      `SELECT tenant_id FROM company_numbers WHERE number = @number
       UNION ALL SELECT tenant_id FROM ids WHERE direct_number = @number LIMIT 1`,
    );
    this.ivrMenus = new IvrMenuStore(db);
    this.parkSettings = new ParkSettingsStore(db);
    this.readTenantDirectory = db.transaction((tenantId: number) => this.tenantDirectoryNow(tenantId));
  }

  hasTenants(): boolean {
    return this.anyTenant.get()?.found === 1;
  }

  findIdentityBySipUser(sipUser: string): PbxIdentity | undefined {
    const row = this.identityBySipUser.get(sipUser);
    return row && toIdentity(row);
  }

  findIdentity(idId: number): PbxIdentity | undefined {
    const row = this.identityById.get(idId);
    return row && toIdentity(row);
  }

  findNumberOwner(digits: string): number | undefined {
    return this.numberOwner.get({ number: digits })?.tenant_id;
  }

  findLoginAccount(directNumber: string): LoginAccount | undefined {
    const row = this.loginAccount.get(directNumber);
    return row && { idId: row.id, passwordHash: row.password_hash };
  }

  tenantDirectory(tenantId: number): TenantDirectory | undefined {
    return this.readTenantDirectory(tenantId);
  }

  private tenantDirectoryNow(tenantId: number): TenantDirectory | undefined {
    const tenant = this.tenantName.get(tenantId);
    if (!tenant) return undefined;
    const members = new Map<number, number[]>();
    for (const { company_number_id, id_id } of this.ringSetsOfTenant.all(tenantId)) {
      const list = members.get(company_number_id) ?? [];
      list.push(id_id);
      members.set(company_number_id, list);
    }
    const menus = this.ivrMenus.menusOfTenant(tenantId);
    const companyNumbers: CompanyNumber[] = this.companyNumbersOfTenant.all(tenantId).map((row) => {
      const ivrMenu = menus.get(row.id);
      return { number: row.number, label: row.label, kind: row.kind, ringSet: members.get(row.id) ?? [], ...(ivrMenu ? { ivrMenu } : {}) };
    });
    return {
      tenantId,
      tenantName: tenant.name,
      parkRecallSeconds: this.parkSettings.recallSeconds(tenantId),
      identities: this.identitiesOfTenant.all(tenantId).map(toIdentity),
      companyNumbers,
    };
  }
}

function toIdentity(row: IdentityRow): PbxIdentity {
  return {
    idId: row.id,
    tenantId: row.tenant_id,
    sipUser: row.direct_number,
    sipPassword: row.sip_secret,
    displayName: row.display_name,
    extension: row.extension,
    directNumber: row.direct_number,
    defaultCallerNumber: row.default_caller_number,
  };
}
