import type Database from 'better-sqlite3';
import type { TerminalKind } from '../../src-shared/domain/call-charge.js';
import type { FeeEstimateInput } from '../../src-shared/domain/fee-estimate.js';

/** What a tenant has now, counted for the fee estimate (IDs, their terminals, 追加番号). */
export class FeeEstimateQueries {
  private readonly idsOfTenant: Database.Statement<[number], { kind: 'basic' | 'additional'; device_kind: TerminalKind; softphone_option: number }>;
  private readonly additionalNumbersOfTenant: Database.Statement<[number], { count: number }>;

  constructor(db: Database.Database) {
    // softphone_option comes with the customer-page migration (v2).
    this.idsOfTenant = db.prepare('SELECT kind, device_kind, softphone_option FROM ids WHERE tenant_id = ? ORDER BY id');
    this.additionalNumbersOfTenant = db.prepare("SELECT count(*) AS count FROM company_numbers WHERE tenant_id = ? AND kind = 'additional'");
  }

  /** Undefined when the tenant has no IDs (it does not exist: every tenant has its 基本ID). */
  inputFor(tenantId: number): FeeEstimateInput | undefined {
    const ids = this.idsOfTenant.all(tenantId);
    if (ids.length === 0) return undefined;
    return {
      additionalNumbers: this.additionalNumbersOfTenant.get(tenantId)?.count ?? 0,
      ids: ids.map((row) => ({ kind: row.kind, deviceKind: row.device_kind, softphoneOption: row.softphone_option === 1 })),
    };
  }
}
