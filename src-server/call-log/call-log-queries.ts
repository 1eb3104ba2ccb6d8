import type Database from 'better-sqlite3';
import type { TerminalKind } from '../../src-shared/domain/call-charge.js';
import { CALL_LOG_KINDS, type CallLogKind, type CallLogResult, type NewCallLogEntry } from './call-log-entry.js';
import type { MonthRange } from './month.js';

/** A stored call, as the customer page lists it. Charges in yen (tenths kept exact in storage). */
export type CallLogEntry = Omit<NewCallLogEntry, 'pbxCallId' | 'tenantId' | 'callerTerminal' | 'chargeTenthsYen'> & {
  id: number;
  /** null when the destination is not in the rate table */
  chargeYen: number | null;
};

export interface CallTotals {
  calls: number;
  answered: number;
  durationSeconds: number;
  chargeYen: number;
  /** calls whose destination the rate table does not price (shown, never guessed) */
  unpricedCalls: number;
}

export interface CallLogSummary extends CallTotals {
  byKind: Record<CallLogKind, CallTotals>;
}

interface EntryRow {
  id: number;
  kind: CallLogKind;
  result: CallLogResult;
  caller_id_id: number | null;
  caller_number: string;
  caller_name: string;
  dialled_number: string;
  company_number: string | null;
  callee_id_ids: string;
  answered_by_id_id: number | null;
  started_at: number;
  answered_at: number | null;
  ended_at: number;
  duration_seconds: number;
  charge_tenths_yen: number | null;
  charge_rate: string | null;
}

interface TotalsRow {
  kind: CallLogKind;
  calls: number;
  answered: number;
  duration: number;
  charge: number;
  unpriced: number;
}

/** The call log's SQL. Every read is scoped by tenant: there is no query without one. */
export class CallLogQueries {
  private readonly insertEntry: Database.Statement;
  private readonly terminalOfId: Database.Statement<[number], { device_kind: TerminalKind }>;
  private readonly pageOfMonth: Database.Statement<[number, number, number, number, number], EntryRow>;
  private readonly countOfMonth: Database.Statement<[number, number, number], { total: number }>;
  private readonly totalsOfMonth: Database.Statement<[number, number, number], TotalsRow>;

  constructor(db: Database.Database) {
    this.insertEntry = db.prepare(`
      INSERT INTO call_log (tenant_id, pbx_call_id, kind, caller_id_id, caller_number, caller_name, dialled_number,
        company_number, callee_id_ids, answered_by_id_id, started_at, answered_at, ended_at, result, duration_seconds,
        caller_terminal, charge_tenths_yen, charge_rate)
      VALUES (@tenantId, @pbxCallId, @kind, @callerIdId, @callerNumber, @callerName, @dialledNumber,
        @companyNumber, @calleeIdIds, @answeredByIdId, @startedAt, @answeredAt, @endedAt, @result, @durationSeconds,
        @callerTerminal, @chargeTenthsYen, @chargeRate)
      ON CONFLICT (pbx_call_id) DO NOTHING`);
    this.terminalOfId = db.prepare('SELECT device_kind FROM ids WHERE id = ?');
    // Newest first; id breaks ties so paging is stable.
    this.pageOfMonth = db.prepare(`
      SELECT id, kind, result, caller_id_id, caller_number, caller_name, dialled_number, company_number, callee_id_ids,
             answered_by_id_id, started_at, answered_at, ended_at, duration_seconds, charge_tenths_yen, charge_rate
        FROM call_log WHERE tenant_id = ? AND started_at >= ? AND started_at < ?
       ORDER BY started_at DESC, id DESC LIMIT ? OFFSET ?`);
    this.countOfMonth = db.prepare('SELECT count(*) AS total FROM call_log WHERE tenant_id = ? AND started_at >= ? AND started_at < ?');
    this.totalsOfMonth = db.prepare(`
      SELECT kind, count(*) AS calls, sum(result = 'answered') AS answered, sum(duration_seconds) AS duration,
             coalesce(sum(charge_tenths_yen), 0) AS charge, sum(charge_tenths_yen IS NULL) AS unpriced
        FROM call_log WHERE tenant_id = ? AND started_at >= ? AND started_at < ? GROUP BY kind`);
  }

  /** Stores a call once; a repeated report of the same PBX call is ignored. True if stored. */
  insert(entry: NewCallLogEntry): boolean {
    return this.insertEntry.run({ ...entry, calleeIdIds: JSON.stringify(entry.calleeIdIds) }).changes === 1;
  }

  /** The device kind of an ID now (the caller's terminal decides the call rate). */
  terminalKindOf(idId: number): TerminalKind | null {
    return this.terminalOfId.get(idId)?.device_kind ?? null;
  }

  page(tenantId: number, range: MonthRange, offset: number, limit: number): { total: number; entries: CallLogEntry[] } {
    const total = this.countOfMonth.get(tenantId, range.startMs, range.endMs)?.total ?? 0;
    const entries = this.pageOfMonth.all(tenantId, range.startMs, range.endMs, limit, offset).map(toEntry);
    return { total, entries };
  }

  summary(tenantId: number, range: MonthRange): CallLogSummary {
    const byKind = Object.fromEntries(CALL_LOG_KINDS.map((kind) => [kind, emptyTotals()])) as Record<CallLogKind, CallTotals>;
    const all = emptyTotals();
    let tenths = 0;
    for (const row of this.totalsOfMonth.all(tenantId, range.startMs, range.endMs)) {
      byKind[row.kind] = {
        calls: row.calls,
        answered: row.answered,
        durationSeconds: row.duration,
        chargeYen: row.charge / 10,
        unpricedCalls: row.unpriced,
      };
      all.calls += row.calls;
      all.answered += row.answered;
      all.durationSeconds += row.duration;
      all.unpricedCalls += row.unpriced;
      tenths += row.charge;
    }
    return { ...all, chargeYen: tenths / 10, byKind };
  }
}

function emptyTotals(): CallTotals {
  return { calls: 0, answered: 0, durationSeconds: 0, chargeYen: 0, unpricedCalls: 0 };
}

function toEntry(row: EntryRow): CallLogEntry {
  return {
    id: row.id,
    kind: row.kind,
    result: row.result,
    callerIdId: row.caller_id_id,
    callerNumber: row.caller_number,
    callerName: row.caller_name,
    dialledNumber: row.dialled_number,
    companyNumber: row.company_number,
    calleeIdIds: JSON.parse(row.callee_id_ids) as number[],
    answeredByIdId: row.answered_by_id_id,
    startedAt: row.started_at,
    answeredAt: row.answered_at,
    endedAt: row.ended_at,
    durationSeconds: row.duration_seconds,
    chargeYen: row.charge_tenths_yen === null ? null : row.charge_tenths_yen / 10,
    chargeRate: row.charge_rate,
  };
}
