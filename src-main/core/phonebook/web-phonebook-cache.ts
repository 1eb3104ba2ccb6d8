import type Database from 'better-sqlite3';
import { fieldsFromRow, fieldsToRow, type PhonebookFieldsRow } from '../../../src-shared/phonebook/phonebook-row.js';
import type { PhonebookEntryFields } from '../../../src-shared/phonebook/phonebook-entry.js';

/** An entry of the Web電話帳 as the server last sent it. */
export interface WebPhonebookEntry extends PhonebookEntryFields {
  /** the server's id */
  id: number;
  /** the tenant's change version of its latest write */
  version: number;
  updatedAt: number;
}

/** One page of the server's changes (GET /api/softphone/phonebook/changes). */
export interface WebPhonebookChanges {
  version: number;
  upserts: readonly WebPhonebookEntry[];
  deletions: readonly number[];
  /** the server no longer knows our version: drop the cache before applying this page */
  reset: boolean;
}

export interface WebSyncState {
  serverUrl: string;
  version: number;
  syncedAt: number;
}

interface EntryRow extends PhonebookFieldsRow {
  id: number;
  version: number;
  updated_at: number;
}

const COLUMNS = 'id, name, reading, company, department, numbers, notes, version, updated_at';

/**
 * The local copy of the Web電話帳, per account, and how far it is synced. A page of changes
 * and the new version are written in one transaction: after a crash the cache is at the old
 * version or the new one, and the next sync asks again from there.
 */
export class WebPhonebookCache {
  private readonly upsertEntry: Database.Statement<[Record<string, unknown>]>;
  private readonly deleteEntry: Database.Statement<[string, number]>;
  private readonly deleteAll: Database.Statement<[string]>;
  private readonly insertNumber: Database.Statement<[string, number, number, string, string]>;
  private readonly deleteNumbers: Database.Statement<[string, number]>;
  private readonly allEntries: Database.Statement<[string], EntryRow>;
  private readonly countEntries: Database.Statement<[string], { count: number }>;
  private readonly readState: Database.Statement<[string], { server_url: string; version: number; synced_at: number }>;
  private readonly writeState: Database.Statement<[string, string, number, number]>;
  private readonly deleteState: Database.Statement<[string]>;

  constructor(private readonly db: Database.Database) {
    this.upsertEntry = db.prepare(
      `INSERT INTO web_phonebook_entries (login_id, id, name, reading, company, department, numbers, notes, version, updated_at)
       VALUES (@loginId, @id, @name, @reading, @company, @department, @numbers, @notes, @version, @updatedAt)
       ON CONFLICT (login_id, id) DO UPDATE SET name = excluded.name, reading = excluded.reading, company = excluded.company,
         department = excluded.department, numbers = excluded.numbers, notes = excluded.notes, version = excluded.version,
         updated_at = excluded.updated_at`,
    );
    this.deleteEntry = db.prepare('DELETE FROM web_phonebook_entries WHERE login_id = ? AND id = ?');
    this.deleteAll = db.prepare('DELETE FROM web_phonebook_entries WHERE login_id = ?');
    this.insertNumber = db.prepare('INSERT INTO web_phonebook_numbers (login_id, entry_id, position, digits, label) VALUES (?, ?, ?, ?, ?)');
    this.deleteNumbers = db.prepare('DELETE FROM web_phonebook_numbers WHERE login_id = ? AND entry_id = ?');
    this.allEntries = db.prepare(`SELECT ${COLUMNS} FROM web_phonebook_entries WHERE login_id = ? ORDER BY id`);
    this.countEntries = db.prepare('SELECT count(*) AS count FROM web_phonebook_entries WHERE login_id = ?');
    this.readState = db.prepare('SELECT server_url, version, synced_at FROM web_phonebook_sync WHERE login_id = ?');
    this.writeState = db.prepare(
      `INSERT INTO web_phonebook_sync (login_id, server_url, version, synced_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (login_id) DO UPDATE SET server_url = excluded.server_url, version = excluded.version, synced_at = excluded.synced_at`,
    );
    this.deleteState = db.prepare('DELETE FROM web_phonebook_sync WHERE login_id = ?');
  }

  /** Where the account's cache stands, or undefined before its first sync. */
  state(loginId: string): WebSyncState | undefined {
    const row = this.readState.get(loginId);
    return row && { serverUrl: row.server_url, version: row.version, syncedAt: row.synced_at };
  }

  all(loginId: string): WebPhonebookEntry[] {
    return this.allEntries.all(loginId).map(toEntry);
  }

  count(loginId: string): number {
    return this.countEntries.get(loginId)?.count ?? 0;
  }

  /** Applies one page of changes and records the version it reached, atomically. */
  apply(loginId: string, serverUrl: string, changes: WebPhonebookChanges, now = Date.now()): void {
    this.db
      .transaction(() => {
        if (changes.reset) this.deleteAll.run(loginId);
        for (const id of changes.deletions) this.deleteEntry.run(loginId, id);
        for (const entry of changes.upserts) {
          this.upsertEntry.run({ ...bind(entry), loginId });
          this.deleteNumbers.run(loginId, entry.id);
          entry.numbers.forEach((number, position) => this.insertNumber.run(loginId, entry.id, position, number.digits, number.label));
        }
        this.writeState.run(loginId, serverUrl, changes.version, now);
      })
      .immediate();
  }

  /** Drops the account's cache (another server, or the server asked for a reset). */
  clear(loginId: string): void {
    this.db
      .transaction(() => {
        this.deleteAll.run(loginId);
        this.deleteState.run(loginId);
      })
      .immediate();
  }
}

function bind(entry: WebPhonebookEntry): Record<string, unknown> {
  return {
    id: entry.id,
    ...fieldsToRow(entry),
    version: entry.version,
    updatedAt: entry.updatedAt,
  };
}

function toEntry(row: EntryRow): WebPhonebookEntry {
  return {
    id: row.id,
    ...fieldsFromRow(row),
    version: row.version,
    updatedAt: row.updated_at,
  };
}
