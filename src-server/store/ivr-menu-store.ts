import type Database from 'better-sqlite3';
import type { IvrMenu, IvrMenuOption, IvrNoChoice } from '../pbx/ivr/ivr-menu.js';
import { bumpConfigVersion } from './config-version.js';
import { checkIvrMenu, type IvrRuleViolation } from './ivr-menu-rules.js';

/**
 * Company numbers' voice menus (migration v6). Reads give the PBX's shape (pbx/ivr/ivr-menu.ts);
 * writes are per tenant, in one IMMEDIATE transaction that checks the rules (ivr-menu-rules.ts),
 * writes and bumps the tenant's config version, like TenantAdmin. A number of another tenant is
 * answered exactly like one that does not exist.
 */
export type IvrMenuError = IvrRuleViolation | { code: 'not-found'; message: string };
export type IvrMenuResult<T> = { ok: true; value: T } | { ok: false; error: IvrMenuError };

const NOT_FOUND: IvrMenuError = { code: 'not-found', message: '指定された番号はありません' };

interface MenuRow {
  company_number_id: number;
  prompt: string;
  timeout_seconds: number;
  repeats: number;
  on_no_choice: IvrNoChoice;
}

interface OptionRow {
  company_number_id: number;
  digits: string;
  label: string;
}

class Refusal extends Error {
  constructor(readonly error: IvrMenuError) {
    super(error.message);
  }
}

export class IvrMenuStore {
  private readonly menusOfTenantStmt: Database.Statement<[number], MenuRow>;
  private readonly optionsOfTenantStmt: Database.Statement<[number], OptionRow>;
  private readonly membersOfTenantStmt: Database.Statement<[number], { company_number_id: number; digits: string; id_id: number }>;
  private readonly numberOfTenant: Database.Statement<[number, number], { id: number }>;
  private readonly idsOfTenant: Database.Statement<[number], { id: number }>;

  constructor(private readonly db: Database.Database) {
    this.menusOfTenantStmt = db.prepare(
      `SELECT m.company_number_id, m.prompt, m.timeout_seconds, m.repeats, m.on_no_choice FROM ivr_menus m
         JOIN company_numbers c ON c.id = m.company_number_id WHERE c.tenant_id = ?`,
    );
    this.optionsOfTenantStmt = db.prepare(
      `SELECT o.company_number_id, o.digits, o.label FROM ivr_menu_options o
         JOIN company_numbers c ON c.id = o.company_number_id WHERE c.tenant_id = ? ORDER BY o.digits`,
    );
    this.membersOfTenantStmt = db.prepare(
      `SELECT m.company_number_id, m.digits, m.id_id FROM ivr_option_members m
         JOIN company_numbers c ON c.id = m.company_number_id WHERE c.tenant_id = ? ORDER BY m.id_id`,
    );
    this.numberOfTenant = db.prepare('SELECT id FROM company_numbers WHERE id = ? AND tenant_id = ?');
    this.idsOfTenant = db.prepare('SELECT id FROM ids WHERE tenant_id = ?');
  }

  /**
   * Every menu of the tenant by company number id. Call it inside the reader's transaction to see
   * one snapshot. An option whose IDs were all removed keeps an empty ring set (it rings nobody).
   */
  menusOfTenant(tenantId: number): Map<number, IvrMenu> {
    const menus = new Map<number, IvrMenu>();
    for (const row of this.menusOfTenantStmt.all(tenantId)) {
      menus.set(row.company_number_id, {
        prompt: row.prompt,
        options: [],
        timeoutSeconds: row.timeout_seconds,
        repeats: row.repeats,
        onNoChoice: row.on_no_choice,
      });
    }
    const options = new Map<string, IvrMenuOption>();
    for (const row of this.optionsOfTenantStmt.all(tenantId)) {
      const option: IvrMenuOption = { digits: row.digits, label: row.label, ringSet: [] };
      menus.get(row.company_number_id)?.options.push(option);
      options.set(`${row.company_number_id}/${row.digits}`, option);
    }
    for (const row of this.membersOfTenantStmt.all(tenantId)) options.get(`${row.company_number_id}/${row.digits}`)?.ringSet.push(row.id_id);
    return menus;
  }

  /** The number's menu (null: none), or not-found for a number that is not the tenant's. */
  menuOf(tenantId: number, numberId: number): IvrMenuResult<IvrMenu | null> {
    return this.db.transaction((): IvrMenuResult<IvrMenu | null> => {
      if (!this.numberOfTenant.get(numberId, tenantId)) return { ok: false, error: NOT_FOUND };
      return { ok: true, value: this.menusOfTenant(tenantId).get(numberId) ?? null };
    })();
  }

  /** Sets (replaces) the number's menu after checking the rules. */
  setMenu(tenantId: number, numberId: number, menu: IvrMenu): IvrMenuResult<IvrMenu> {
    return this.write(tenantId, numberId, () => {
      const problem = checkIvrMenu(menu, this.idsOfTenant.all(tenantId).map((row) => row.id));
      if (problem) throw new Refusal(problem);
      this.db.prepare('DELETE FROM ivr_menus WHERE company_number_id = ?').run(numberId);
      this.db
        .prepare('INSERT INTO ivr_menus (company_number_id, prompt, timeout_seconds, repeats, on_no_choice) VALUES (?, ?, ?, ?, ?)')
        .run(numberId, menu.prompt, menu.timeoutSeconds, menu.repeats, menu.onNoChoice);
      const insertOption = this.db.prepare('INSERT INTO ivr_menu_options (company_number_id, digits, label) VALUES (?, ?, ?)');
      const insertMember = this.db.prepare('INSERT INTO ivr_option_members (company_number_id, digits, id_id) VALUES (?, ?, ?)');
      for (const option of menu.options) {
        insertOption.run(numberId, option.digits, option.label.trim());
        for (const idId of new Set(option.ringSet)) insertMember.run(numberId, option.digits, idId);
      }
      const stored = this.menusOfTenant(tenantId).get(numberId);
      if (!stored) throw new Error('the IVR menu was not found after writing it');
      return stored;
    });
  }

  /** Removes the number's menu (calls ring its ring set at once again); fine when it had none. */
  removeMenu(tenantId: number, numberId: number): IvrMenuResult<null> {
    return this.write(tenantId, numberId, () => {
      this.db.prepare('DELETE FROM ivr_menus WHERE company_number_id = ?').run(numberId);
      return null;
    });
  }

  private write<T>(tenantId: number, numberId: number, change: () => T): IvrMenuResult<T> {
    const run = this.db.transaction((): T => {
      if (!this.numberOfTenant.get(numberId, tenantId)) throw new Refusal(NOT_FOUND);
      const value = change();
      bumpConfigVersion(this.db, tenantId);
      return value;
    });
    try {
      return { ok: true, value: run.immediate() };
    } catch (error) {
      if (error instanceof Refusal) return { ok: false, error: error.error };
      throw error;
    }
  }
}
