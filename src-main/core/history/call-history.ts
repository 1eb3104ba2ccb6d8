import type Database from 'better-sqlite3';
import type { CallCharge } from '../../../src-shared/domain/call-charge.js';
import type { CallHistoryEntry, CallResult, HistoryFilter } from '../../../src-shared/domain/call-history.js';
import type { CallDirection, LineEndReason, LineSnapshot } from '../../../src-shared/domain/phone-snapshot.js';
import { callResultOf, chargeOf, durationSecondsOf } from './call-result.js';

export const DEFAULT_HISTORY_LIMIT = 100;
export const MAX_HISTORY_LIMIT = 500;

export interface HistoryQuery {
  filter?: HistoryFilter | undefined;
  limit?: number | undefined;
  /** an entry id: only entries older than it (the last id of the previous page) */
  before?: number | undefined;
}

interface Row {
  id: number;
  direction: CallDirection;
  remote_number: string;
  remote_name: string;
  called_number: string | null;
  called_label: string | null;
  caller_number: string | null;
  started_at: number;
  answered_at: number | null;
  ended_at: number;
  result: CallResult;
  end_reason: LineEndReason;
  duration_seconds: number;
  charge: string;
  seen: number;
}

const FILTER_SQL: Record<HistoryFilter, string> = {
  all: '',
  missed: "AND result = 'missed'",
  incoming: "AND direction = 'incoming'",
  outgoing: "AND direction = 'outgoing'",
};

/**
 * The call history in the local database, kept per account (login ID) so that two users of one
 * PC never see each other's calls. Every call is recorded once, when its line reaches `ended`.
 */
export class CallHistory {
  private readonly insert: Database.Statement;
  private readonly missed: Database.Statement;
  private readonly seen: Database.Statement;
  private readonly byId: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare(`INSERT INTO call_history
      (login_id, call_key, direction, remote_number, remote_name, called_number, called_label, caller_number,
       started_at, answered_at, ended_at, result, end_reason, duration_seconds, charge, seen)
      VALUES (@loginId, @callKey, @direction, @remoteNumber, @remoteName, @calledNumber, @calledLabel, @callerNumber,
       @startedAt, @answeredAt, @endedAt, @result, @endReason, @durationSeconds, @charge, @seen)
      ON CONFLICT (call_key) DO NOTHING`);
    this.missed = db
      .prepare("SELECT count(*) FROM call_history WHERE login_id = ? AND result = 'missed' AND seen = 0")
      .pluck();
    this.seen = db.prepare("UPDATE call_history SET seen = 1 WHERE login_id = ? AND result = 'missed' AND seen = 0");
    this.byId = db.prepare('SELECT * FROM call_history WHERE login_id = ? AND id = ?');
  }

  /**
   * Record an ended line. `callKey` identifies the call on this PC (the account session and the
   * line id); a second record of the same key is ignored. Returns the entry, or null when the
   * line has not ended or was recorded already.
   */
  record(loginId: string, callKey: string, line: LineSnapshot): CallHistoryEntry | null {
    if (line.state !== 'ended' || line.endedAt === null) return null;
    const result = callResultOf(line);
    const durationSeconds = durationSecondsOf(line);
    const charge = chargeOf(line, durationSeconds);
    const info = this.insert.run({
      loginId,
      callKey,
      direction: line.direction,
      remoteNumber: clip(line.remoteNumber),
      remoteName: clip(line.remoteName),
      calledNumber: clipOrNull(line.calledNumber),
      calledLabel: clipOrNull(line.calledLabel),
      callerNumber: clipOrNull(line.callerNumber),
      startedAt: line.startedAt,
      answeredAt: line.connectedAt,
      endedAt: line.endedAt,
      result,
      endReason: line.endReason ?? 'failed',
      durationSeconds,
      charge: JSON.stringify(charge),
      seen: result === 'missed' ? 0 : 1,
    });
    if (info.changes === 0) return null;
    return this.get(loginId, Number(info.lastInsertRowid));
  }

  /** Newest first. */
  list(loginId: string, query: HistoryQuery = {}): CallHistoryEntry[] {
    const limit = Math.min(Math.max(1, Math.trunc(query.limit ?? DEFAULT_HISTORY_LIMIT)), MAX_HISTORY_LIMIT);
    const filter = FILTER_SQL[query.filter ?? 'all'];
    const rows = this.db
      .prepare(`SELECT * FROM call_history WHERE login_id = ? AND id < ? ${filter} ORDER BY id DESC LIMIT ?`)
      .all(loginId, query.before ?? Number.MAX_SAFE_INTEGER, limit) as Row[];
    return rows.map(toEntry);
  }

  get(loginId: string, entryId: number): CallHistoryEntry | null {
    const row = this.byId.get(loginId, entryId) as Row | undefined;
    return row ? toEntry(row) : null;
  }

  /** Incoming calls nobody answered, not yet marked seen (answered elsewhere does not count). */
  missedCount(loginId: string): number {
    return this.missed.get(loginId) as number;
  }

  /** The user looked at the missed calls: the count goes back to 0. */
  markSeen(loginId: string): number {
    return this.seen.run(loginId).changes;
  }
}

function toEntry(row: Row): CallHistoryEntry {
  return {
    id: row.id,
    direction: row.direction,
    remoteNumber: row.remote_number,
    remoteName: row.remote_name,
    calledNumber: row.called_number,
    calledLabel: row.called_label,
    callerNumber: row.caller_number,
    startedAt: row.started_at,
    answeredAt: row.answered_at,
    endedAt: row.ended_at,
    result: row.result,
    endReason: row.end_reason,
    durationSeconds: row.duration_seconds,
    charge: JSON.parse(row.charge) as CallCharge,
    seen: row.seen === 1,
  };
}

/** Names and numbers come from the network: never let one overflow the column check. */
function clip(value: string): string {
  return value.length > 128 ? value.slice(0, 128) : value;
}

function clipOrNull(value: string | null): string | null {
  return value === null ? null : clip(value);
}
