import type Database from 'better-sqlite3';
import { fieldsFromRow, fieldsToRow, type PhonebookFieldsRow } from '../../../src-shared/phonebook/phonebook-row.js';
import type { PhonebookEntryFields, PhonebookNumber } from '../../../src-shared/phonebook/phonebook-entry.js';

/** An entry of the local phonebook, as stored. */
export interface LocalPhonebookEntry extends PhonebookEntryFields {
  id: number;
  createdAt: number;
  updatedAt: number;
}

interface EntryRow extends PhonebookFieldsRow {
  id: number;
  created_at: number;
  updated_at: number;
}

const COLUMNS = 'id, name, reading, company, department, numbers, notes, created_at, updated_at';

/**
 * The local phonebook's SQL, per account. Fields arrive already checked (checkEntryDraft);
 * each write is one transaction that keeps the entry and its number rows together.
 */
export class LocalPhonebookStore {
  private readonly insertEntry: Database.Statement<[Record<string, unknown>], EntryRow>;
  private readonly updateEntry: Database.Statement<[Record<string, unknown>], EntryRow>;
  private readonly deleteEntry: Database.Statement<[string, number]>;
  private readonly deleteAll: Database.Statement<[string]>;
  private readonly insertNumber: Database.Statement<[number, number, string, string, string]>;
  private readonly deleteNumbers: Database.Statement<[number]>;
  private readonly findEntry: Database.Statement<[string, number], EntryRow>;
  private readonly allEntries: Database.Statement<[string], EntryRow>;
  private readonly countEntries: Database.Statement<[string], { count: number }>;

  constructor(private readonly db: Database.Database) {
    this.insertEntry = db.prepare(
      `INSERT INTO local_phonebook_entries (login_id, name, reading, company, department, numbers, notes, created_at, updated_at)
       VALUES (@loginId, @name, @reading, @company, @department, @numbers, @notes, @now, @now) RETURNING ${COLUMNS}`,
    );
    this.updateEntry = db.prepare(
      `UPDATE local_phonebook_entries
          SET name = @name, reading = @reading, company = @company, department = @department, numbers = @numbers,
              notes = @notes, updated_at = @now
        WHERE login_id = @loginId AND id = @id RETURNING ${COLUMNS}`,
    );
    this.deleteEntry = db.prepare('DELETE FROM local_phonebook_entries WHERE login_id = ? AND id = ?');
    this.deleteAll = db.prepare('DELETE FROM local_phonebook_entries WHERE login_id = ?');
    this.insertNumber = db.prepare('INSERT INTO local_phonebook_numbers (entry_id, position, login_id, digits, label) VALUES (?, ?, ?, ?, ?)');
    this.deleteNumbers = db.prepare('DELETE FROM local_phonebook_numbers WHERE entry_id = ?');
    this.findEntry = db.prepare(`SELECT ${COLUMNS} FROM local_phonebook_entries WHERE login_id = ? AND id = ?`);
    this.allEntries = db.prepare(`SELECT ${COLUMNS} FROM local_phonebook_entries WHERE login_id = ? ORDER BY id`);
    this.countEntries = db.prepare('SELECT count(*) AS count FROM local_phonebook_entries WHERE login_id = ?');
  }

  find(loginId: string, id: number): LocalPhonebookEntry | undefined {
    const row = this.findEntry.get(loginId, id);
    return row && toEntry(row);
  }

  all(loginId: string): LocalPhonebookEntry[] {
    return this.allEntries.all(loginId).map(toEntry);
  }

  count(loginId: string): number {
    return this.countEntries.get(loginId)?.count ?? 0;
  }

  create(loginId: string, fields: PhonebookEntryFields, now = Date.now()): LocalPhonebookEntry {
    return this.db.transaction(() => this.insert(loginId, fields, now)).immediate();
  }

  /** Undefined when the account has no such entry. */
  update(loginId: string, id: number, fields: PhonebookEntryFields, now = Date.now()): LocalPhonebookEntry | undefined {
    return this.db
      .transaction(() => {
        const row = this.updateEntry.get({ ...fieldsToRow(fields), loginId, id, now });
        if (!row) return undefined;
        this.deleteNumbers.run(id);
        this.insertNumbers(loginId, id, fields.numbers);
        return toEntry(row);
      })
      .immediate();
  }

  remove(loginId: string, id: number): boolean {
    // number rows go with the entry (ON DELETE CASCADE)
    return this.deleteEntry.run(loginId, id).changes > 0;
  }

  /**
   * Adds every entry (after deleting all of the account's, for `replace`) in one transaction:
   * an error part-way (a CHECK, a full disk) leaves the phonebook exactly as it was.
   */
  importAll(
    loginId: string,
    entries: readonly PhonebookEntryFields[],
    mode: 'append' | 'replace',
    now = Date.now(),
  ): { added: LocalPhonebookEntry[]; deleted: number } {
    return this.db
      .transaction(() => {
        const deleted = mode === 'replace' ? this.deleteAll.run(loginId).changes : 0;
        return { added: entries.map((fields) => this.insert(loginId, fields, now)), deleted };
      })
      .immediate();
  }

  private insert(loginId: string, fields: PhonebookEntryFields, now: number): LocalPhonebookEntry {
    const row = this.insertEntry.get({ ...fieldsToRow(fields), loginId, now });
    if (!row) throw new Error('local phonebook insert returned no row');
    this.insertNumbers(loginId, row.id, fields.numbers);
    return toEntry(row);
  }

  private insertNumbers(loginId: string, id: number, numbers: readonly PhonebookNumber[]): void {
    numbers.forEach((number, position) => this.insertNumber.run(id, position, loginId, number.digits, number.label));
  }
}

function toEntry(row: EntryRow): LocalPhonebookEntry {
  return {
    id: row.id,
    ...fieldsFromRow(row),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
