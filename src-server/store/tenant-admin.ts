import Database from 'better-sqlite3';
import {
  channelsOf,
  checkAddNumber,
  checkCallerNumber,
  checkDeviceKind,
  checkDisplayName,
  checkExtension,
  checkLabel,
  checkNumberFormat,
  checkRemoveId,
  checkRemoveNumber,
  checkRingSet,
  checkSoftphoneOption,
  nextFreeDirectNumber,
  numberInUse,
  type AdminIdState,
  type AdminNumberState,
  type AdminTenantState,
  type RuleViolation,
} from './admin-rules.js';
import { bumpConfigVersion, configVersion } from './config-version.js';
import type { SessionPurpose } from './session-records.js';
import type { CompanyNumberKind, DeviceKind, IdKind } from './tenant-plan.js';
import { generateSipSecret } from './tenant-writer.js';

/**
 * What the customer page reads and changes of one tenant. Every method takes the tenant id of
 * the caller's session and only ever touches rows of that tenant: another tenant's id is
 * answered exactly like one that does not exist ('not-found'). Every write runs in one IMMEDIATE
 * transaction that reads the tenant, checks the rules (admin-rules.ts), writes, and bumps the
 * tenant's config version, so the PBX (which reads the directory per call) and polling
 * softphones see the change at once and never half of it.
 */
export type AdminError = RuleViolation | { code: 'not-found'; message: string };
export type AdminResult<T> = { ok: true; value: T } | { ok: false; error: AdminError };

export interface AdminIdView extends AdminIdState {
  displayName: string;
}

export interface AdminNumberView extends AdminNumberState {
  label: string;
  /** ids (AdminIdView.idId) that ring for this number */
  ringSet: number[];
}

export interface AdminOverview {
  tenantId: number;
  tenantName: string;
  /** 主番号: the 基本ID's direct number */
  mainNumber: string;
  configVersion: number;
  /** チャネル数 = ID数 */
  channels: number;
  numbers: AdminNumberView[];
  ids: AdminIdView[];
}

/** The login account of the customer page: the 基本ID whose direct number is the 主番号. */
export interface CustomerLoginAccount {
  tenantId: number;
  idId: number;
  tenantName: string;
  passwordHash: string;
}

export interface IdPatch {
  defaultCallerNumber?: string;
  displayName?: string;
  extension?: string;
  /** already hashed */
  passwordHash?: string;
  deviceKind?: DeviceKind;
  softphoneOption?: boolean;
}

export interface NewId {
  displayName: string;
  extension: string;
  passwordHash: string;
  deviceKind: DeviceKind;
  softphoneOption: boolean;
  /** digits; when absent the next free 050 number of the tenant's block */
  directNumber?: string;
}

interface IdRow {
  id: number;
  kind: IdKind;
  device_kind: DeviceKind;
  direct_number: string;
  extension: string;
  display_name: string;
  default_caller_number: string;
  softphone_option: number;
}

interface NumberRow {
  id: number;
  number: string;
  kind: CompanyNumberKind;
  label: string;
}

const NOT_FOUND_ID: AdminError = { code: 'not-found', message: '指定されたIDはありません' };
const NOT_FOUND_NUMBER: AdminError = { code: 'not-found', message: '指定された番号はありません' };

const ok = <T>(value: T): AdminResult<T> => ({ ok: true, value });
const refuse = (error: AdminError): AdminResult<never> => ({ ok: false, error });

/** Thrown inside a transaction to roll it back and answer with the violation. */
class Refusal extends Error {
  constructor(readonly error: AdminError) {
    super(error.message);
  }
}

export class TenantAdmin {
  constructor(private readonly db: Database.Database) {}

  /** The customer-page account for a 主番号 (digits), or undefined. */
  findCustomerLoginAccount(mainNumber: string): CustomerLoginAccount | undefined {
    const row = this.db
      .prepare(
        `SELECT i.id, i.tenant_id, i.password_hash, t.name FROM ids i JOIN tenants t ON t.id = i.tenant_id
          WHERE i.direct_number = ? AND i.kind = 'basic'`,
      )
      .get(mainNumber) as { id: number; tenant_id: number; password_hash: string; name: string } | undefined;
    return row && { tenantId: row.tenant_id, idId: row.id, tenantName: row.name, passwordHash: row.password_hash };
  }

  /** The tenant of an ID and whether it is the 基本ID, or undefined. */
  idOwner(idId: number): { tenantId: number; kind: IdKind; softphoneOption: boolean } | undefined {
    const row = this.db.prepare('SELECT tenant_id, kind, softphone_option FROM ids WHERE id = ?').get(idId) as
      | { tenant_id: number; kind: IdKind; softphone_option: number }
      | undefined;
    return row && { tenantId: row.tenant_id, kind: row.kind, softphoneOption: row.softphone_option === 1 };
  }

  configVersion(tenantId: number): number | undefined {
    return configVersion(this.db, tenantId);
  }

  overview(tenantId: number): AdminOverview | undefined {
    return this.db.transaction(() => this.overviewNow(tenantId))();
  }

  findId(tenantId: number, idId: number): AdminIdView | undefined {
    return this.idRows(tenantId).find((id) => id.idId === idId);
  }

  updateId(tenantId: number, idId: number, patch: IdPatch): AdminResult<AdminIdView> {
    return this.write(tenantId, (state) => {
      const current = this.findId(tenantId, idId);
      if (!current) throw new Refusal(NOT_FOUND_ID);
      const next = {
        ...current,
        ...definedOnly(patch),
        displayName: patch.displayName?.trim() ?? current.displayName,
      };
      const problem =
        (patch.displayName !== undefined ? checkDisplayName(patch.displayName) : undefined) ??
        (patch.extension !== undefined ? checkExtension(state, patch.extension, idId) : undefined) ??
        (patch.defaultCallerNumber !== undefined ? checkCallerNumber(state, idId, patch.defaultCallerNumber) : undefined) ??
        (patch.deviceKind !== undefined ? checkDeviceKind(patch.deviceKind) : undefined) ??
        checkSoftphoneOption(next.deviceKind, next.softphoneOption);
      if (problem) throw new Refusal(problem);
      this.db
        .prepare(
          `UPDATE ids SET display_name = ?, extension = ?, default_caller_number = ?, device_kind = ?, softphone_option = ?,
                          password_hash = coalesce(?, password_hash)
            WHERE id = ? AND tenant_id = ?`,
        )
        .run(next.displayName, next.extension, next.defaultCallerNumber, next.deviceKind, next.softphoneOption ? 1 : 0, patch.passwordHash ?? null, idId, tenantId);
      // Without the option the softphone may not stay logged in either.
      if (!next.softphoneOption) this.revokeSessionsNow(idId, 'softphone');
      return this.findId(tenantId, idId) ?? next;
    });
  }

  setRingSet(tenantId: number, numberId: number, idIds: readonly number[]): AdminResult<AdminNumberView> {
    return this.write(tenantId, (state) => {
      if (!state.numbers.some((number) => number.numberId === numberId)) throw new Refusal(NOT_FOUND_NUMBER);
      const problem = checkRingSet(state, idIds);
      if (problem) throw new Refusal(problem);
      this.db.prepare('DELETE FROM ring_set_members WHERE company_number_id = ?').run(numberId);
      const insert = this.db.prepare('INSERT INTO ring_set_members (company_number_id, id_id) VALUES (?, ?)');
      for (const idId of new Set(idIds)) insert.run(numberId, idId);
      return this.numberView(tenantId, numberId);
    });
  }

  setNumberLabel(tenantId: number, numberId: number, label: string): AdminResult<AdminNumberView> {
    return this.write(tenantId, (state) => {
      if (!state.numbers.some((number) => number.numberId === numberId)) throw new Refusal(NOT_FOUND_NUMBER);
      const problem = checkLabel(label);
      if (problem) throw new Refusal(problem);
      this.db.prepare('UPDATE company_numbers SET label = ? WHERE id = ? AND tenant_id = ?').run(label.trim(), numberId, tenantId);
      return this.numberView(tenantId, numberId);
    });
  }

  /** Adds a 追加番号 (nobody rings for it until its ring set is edited). */
  addNumber(tenantId: number, number: string, label: string, now: number = Date.now()): AdminResult<AdminNumberView> {
    return this.write(tenantId, (state) => {
      const problem = checkAddNumber(state, number) ?? checkLabel(label);
      if (problem) throw new Refusal(problem);
      if (this.numberUsed(number)) throw new Refusal(numberInUse(number));
      const { lastInsertRowid } = this.db
        .prepare("INSERT INTO company_numbers (tenant_id, number, kind, label, created_at) VALUES (?, ?, 'additional', ?, ?)")
        .run(tenantId, number, label.trim(), now);
      return this.numberView(tenantId, Number(lastInsertRowid));
    });
  }

  /** Removes a 追加番号 and its ring set; IDs that called out with it fall back to the 契約番号. */
  removeNumber(tenantId: number, numberId: number): AdminResult<void> {
    return this.write(tenantId, (state) => {
      const target = state.numbers.find((number) => number.numberId === numberId);
      if (!target) throw new Refusal(NOT_FOUND_NUMBER);
      const problem = checkRemoveNumber(state, numberId);
      if (problem) throw new Refusal(problem);
      const contract = state.numbers.find((number) => number.kind === 'contract');
      if (contract) {
        this.db
          .prepare('UPDATE ids SET default_caller_number = ? WHERE tenant_id = ? AND default_caller_number = ?')
          .run(contract.number, tenantId, target.number);
      }
      this.db.prepare('DELETE FROM company_numbers WHERE id = ? AND tenant_id = ?').run(numberId, tenantId);
    });
  }

  /** Adds a 追加ID; it calls out with the 契約番号 and is in no ring set until one is edited. */
  addId(tenantId: number, id: NewId, now: number = Date.now()): AdminResult<AdminIdView> {
    return this.write(tenantId, (state) => {
      const problem =
        checkDisplayName(id.displayName) ??
        checkExtension(state, id.extension) ??
        checkDeviceKind(id.deviceKind) ??
        checkSoftphoneOption(id.deviceKind, id.softphoneOption) ??
        (id.directNumber !== undefined ? checkNumberFormat(id.directNumber) : undefined);
      if (problem) throw new Refusal(problem);
      let directNumber = id.directNumber;
      if (directNumber === undefined) {
        const allocated = nextFreeDirectNumber(state, this.usedNumbersLike(state));
        if ('code' in allocated) throw new Refusal(allocated);
        directNumber = allocated.number;
      } else if (this.numberUsed(directNumber)) {
        throw new Refusal(numberInUse(directNumber));
      }
      const contract = state.numbers.find((number) => number.kind === 'contract');
      const { lastInsertRowid } = this.db
        .prepare(
          `INSERT INTO ids (tenant_id, kind, device_kind, direct_number, extension, display_name, password_hash,
                            sip_secret, default_caller_number, softphone_option, created_at)
           VALUES (?, 'additional', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          tenantId,
          id.deviceKind,
          directNumber,
          id.extension,
          id.displayName.trim(),
          id.passwordHash,
          generateSipSecret(),
          contract?.number ?? directNumber,
          id.softphoneOption ? 1 : 0,
          now,
        );
      const created = this.findId(tenantId, Number(lastInsertRowid));
      if (!created) throw new Error('the new ID was not found after inserting it');
      return created;
    });
  }

  /** Removes a 追加ID; its ring-set memberships and sessions go with it (ON DELETE CASCADE). */
  removeId(tenantId: number, idId: number): AdminResult<void> {
    return this.write(tenantId, (state) => {
      if (!state.ids.some((id) => id.idId === idId)) throw new Refusal(NOT_FOUND_ID);
      const problem = checkRemoveId(state, idId);
      if (problem) throw new Refusal(problem);
      this.db.prepare('DELETE FROM ids WHERE id = ? AND tenant_id = ?').run(idId, tenantId);
    });
  }

  /** Ends every session of an ID for one purpose (e.g. its softphones after the option is turned off). */
  revokeSessions(idId: number, purpose: SessionPurpose): number {
    return this.revokeSessionsNow(idId, purpose);
  }

  private revokeSessionsNow(idId: number, purpose: SessionPurpose): number {
    return this.db.prepare('DELETE FROM sessions WHERE id_id = ? AND purpose = ?').run(idId, purpose).changes;
  }

  /**
   * Runs `change` in one IMMEDIATE transaction with the tenant's current state, bumps the config
   * version with it, and turns refusals (and number clashes only the database can see) into results.
   */
  private write<T>(tenantId: number, change: (state: AdminTenantState) => T): AdminResult<T> {
    const run = this.db.transaction((): T => {
      const state = this.stateOf(tenantId);
      if (!state) throw new Refusal({ code: 'not-found', message: '契約が見つかりません' });
      const value = change(state);
      bumpConfigVersion(this.db, tenantId);
      return value;
    });
    try {
      return ok(run.immediate());
    } catch (error) {
      if (error instanceof Refusal) return refuse(error.error);
      if (error instanceof Database.SqliteError && error.code.startsWith('SQLITE_CONSTRAINT') && /number/.test(error.message)) {
        return refuse({ code: 'rule-number-in-use', message: '番号は既に使われています（番号はサーバー全体で重複できません）' });
      }
      throw error;
    }
  }

  private stateOf(tenantId: number): AdminTenantState | undefined {
    if (configVersion(this.db, tenantId) === undefined) return undefined;
    return { ids: this.idRows(tenantId), numbers: this.numberRows(tenantId) };
  }

  private overviewNow(tenantId: number): AdminOverview | undefined {
    const tenant = this.db.prepare('SELECT name, config_version FROM tenants WHERE id = ?').get(tenantId) as
      | { name: string; config_version: number }
      | undefined;
    if (!tenant) return undefined;
    const ids = this.idRows(tenantId);
    const numbers = this.numberRows(tenantId);
    return {
      tenantId,
      tenantName: tenant.name,
      mainNumber: ids.find((id) => id.kind === 'basic')?.directNumber ?? '',
      configVersion: tenant.config_version,
      channels: channelsOf({ ids, numbers }),
      numbers,
      ids,
    };
  }

  private numberView(tenantId: number, numberId: number): AdminNumberView {
    const view = this.numberRows(tenantId).find((number) => number.numberId === numberId);
    if (!view) throw new Refusal(NOT_FOUND_NUMBER);
    return view;
  }

  private idRows(tenantId: number): AdminIdView[] {
    const rows = this.db
      .prepare(
        `SELECT id, kind, device_kind, direct_number, extension, display_name, default_caller_number, softphone_option
           FROM ids WHERE tenant_id = ? ORDER BY kind = 'basic' DESC, CAST(extension AS INTEGER), id`,
      )
      .all(tenantId) as IdRow[];
    return rows.map((row) => ({
      idId: row.id,
      kind: row.kind,
      deviceKind: row.device_kind,
      directNumber: row.direct_number,
      extension: row.extension,
      displayName: row.display_name,
      defaultCallerNumber: row.default_caller_number,
      softphoneOption: row.softphone_option === 1,
    }));
  }

  private numberRows(tenantId: number): AdminNumberView[] {
    const rows = this.db
      .prepare(`SELECT id, number, kind, label FROM company_numbers WHERE tenant_id = ? ORDER BY kind = 'contract' DESC, id`)
      .all(tenantId) as NumberRow[];
    const members = this.db
      .prepare(
        `SELECT r.company_number_id, r.id_id FROM ring_set_members r JOIN company_numbers c ON c.id = r.company_number_id
          WHERE c.tenant_id = ? ORDER BY r.id_id`,
      )
      .all(tenantId) as { company_number_id: number; id_id: number }[];
    return rows.map((row) => ({
      numberId: row.id,
      number: row.number,
      kind: row.kind,
      label: row.label,
      ringSet: members.filter((member) => member.company_number_id === row.id).map((member) => member.id_id),
    }));
  }

  private numberUsed(number: string): boolean {
    const row = this.db
      .prepare('SELECT EXISTS (SELECT 1 FROM ids WHERE direct_number = ?) OR EXISTS (SELECT 1 FROM company_numbers WHERE number = ?) AS used')
      .get(number, number) as { used: number };
    return row.used === 1;
  }

  /** Every number of the tenant's 050 block already used anywhere on the server. */
  private usedNumbersLike(state: AdminTenantState): Set<string> {
    const basic = state.ids.find((id) => id.kind === 'basic');
    const prefix = `${basic?.directNumber.slice(0, 7) ?? ''}%`;
    const rows = this.db
      .prepare('SELECT direct_number AS number FROM ids WHERE direct_number LIKE ? UNION SELECT number FROM company_numbers WHERE number LIKE ?')
      .all(prefix, prefix) as { number: string }[];
    return new Set(rows.map((row) => row.number));
  }
}

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}
