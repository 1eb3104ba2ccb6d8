import type Database from 'better-sqlite3';
import type { Result } from '../../src-shared/contract/result.js';
import type { PbxDirectory, PbxIdentity, TenantDirectory } from '../pbx/directory.js';
import { DirectoryQueries, type LoginAccount } from './directory-queries.js';
import { IvrMenuStore } from './ivr-menu-store.js';
import { ParkSettingsStore } from './park-settings-store.js';
import { SessionRecords } from './session-records.js';
import { TenantAdmin } from './tenant-admin.js';
import { openSqliteDatabase } from './sqlite-database.js';
import type { TenantPlan } from './tenant-plan.js';
import { createTenant, type CreatedTenant } from './tenant-writer.js';

/** Every tenant of this server shares one SIP domain (brief: shared decisions). */
export const SIP_DOMAIN = 'plusphone.test';

/**
 * The server's data: tenants, their IDs, company numbers, ring sets and sessions, in one SQLite
 * file. Provisioning and the PBX (through PbxDirectory) both read from it. Synchronous, because
 * better-sqlite3 is: every call is a short indexed query.
 */
export class TenantStore implements PbxDirectory {
  readonly sipDomain = SIP_DOMAIN;
  readonly sessions: SessionRecords;
  /** the customer page's reads and rule-checked writes, per tenant */
  readonly admin: TenantAdmin;
  /** company numbers' voice menus (IVR), rule-checked per tenant */
  readonly ivrMenus: IvrMenuStore;
  /** the park recall time (migration v5) */
  readonly parkSettings: ParkSettingsStore;
  private readonly queries: DirectoryQueries;
  private closed = false;

  private constructor(private readonly db: Database.Database) {
    this.queries = new DirectoryQueries(db);
    this.sessions = new SessionRecords(db);
    this.admin = new TenantAdmin(db);
    this.ivrMenus = new IvrMenuStore(db);
    this.parkSettings = new ParkSettingsStore(db);
  }

  /** Opens or creates the database at `dbPath` (directories included) and migrates it. */
  static open(dbPath: string): TenantStore {
    return new TenantStore(openSqliteDatabase(dbPath));
  }

  /**
   * The open connection, for feature query modules that keep their SQL beside their feature
   * (call log, templates, billing). Closed by close(); never close it yourself.
   */
  get database(): Database.Database {
    return this.db;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  hasTenants(): boolean {
    return this.queries.hasTenants();
  }

  /** Creates a tenant with its IDs, numbers and ring sets, all or nothing. */
  createTenant(plan: TenantPlan): Result<CreatedTenant> {
    return createTenant(this.db, plan);
  }

  findIdentityBySipUser(sipUser: string): PbxIdentity | undefined {
    return this.queries.findIdentityBySipUser(sipUser);
  }

  findIdentity(idId: number): PbxIdentity | undefined {
    return this.queries.findIdentity(idId);
  }

  /** The ID that logs in with this login ID (its direct number, digits), with its password hash. */
  findLoginAccount(loginId: string): LoginAccount | undefined {
    return this.queries.findLoginAccount(loginId);
  }

  tenantDirectory(tenantId: number): TenantDirectory | undefined {
    return this.queries.tenantDirectory(tenantId);
  }

  findNumberOwner(digits: string): number | undefined {
    return this.queries.findNumberOwner(digits);
  }
}
