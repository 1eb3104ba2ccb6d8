import type Database from 'better-sqlite3';
import { fieldsFromRow, fieldsToRow, type PhonebookFieldsRow } from '../../src-shared/phonebook/phonebook-row.js';
import type { PhonebookEntry, PhonebookEntryFields } from '../../src-shared/phonebook/phonebook-entry.js';

/**
 * The phonebook's SQL: every write takes the tenant's next change version in the same
 * transaction, and every statement is scoped by tenant id, so an id of another tenant simply
 * does not exist here.
 */
export interface PhonebookChanges {
  /** where the caller resumes: pass it as `since` next time */
  version: number;
  upserts: PhonebookEntry[];
  deletions: number[];
  /** more changes follow after `version` (the page was full) */
  more: boolean;
}

export type ImportMode = 'append' | 'replace';

export interface ImportOutcome {
  added: PhonebookEntry[];
  deletedIds: number[];
  version: number;
}

interface EntryRow extends PhonebookFieldsRow {
  id: number;
  version: number;
  created_at: number;
  updated_at: number;
}

const COLUMNS = 'id, name, reading, company, department, numbers, notes, version, created_at, updated_at';

export class PhonebookStore {
  private readonly nextVersionStatement: Database.Statement<[number], { version: number }>;
  private readonly currentVersionStatement: Database.Statement<[number], { version: number }>;
  private readonly insertStatement: Database.Statement<[Record<string, unknown>], EntryRow>;
  private readonly updateStatement: Database.Statement<[Record<string, unknown>], EntryRow>;
  private readonly deleteStatement: Database.Statement<[number, number], { id: number }>;
  private readonly tombstoneStatement: Database.Statement<[number, number, number, number]>;
  private readonly findStatement: Database.Statement<[number, number], EntryRow>;
  private readonly allStatement: Database.Statement<[number], EntryRow>;
  private readonly countStatement: Database.Statement<[number], { count: number }>;
  private readonly allIdsStatement: Database.Statement<[number], { id: number }>;
  private readonly tenantsStatement: Database.Statement<[], { tenant_id: number }>;
  private readonly upsertsSinceStatement: Database.Statement<[number, number, number], EntryRow>;
  private readonly deletionsSinceStatement: Database.Statement<[number, number, number], { entry_id: number; version: number }>;

  constructor(private readonly db: Database.Database) {
    this.nextVersionStatement = db.prepare(
      `INSERT INTO phonebook_versions (tenant_id, version) VALUES (?, 1)
       ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1 RETURNING version`,
    );
    this.currentVersionStatement = db.prepare('SELECT version FROM phonebook_versions WHERE tenant_id = ?');
    this.insertStatement = db.prepare(
      `INSERT INTO phonebook_entries (tenant_id, name, reading, company, department, numbers, notes, version, created_at, updated_at)
       VALUES (@tenantId, @name, @reading, @company, @department, @numbers, @notes, @version, @now, @now)
       RETURNING ${COLUMNS}`,
    );
    this.updateStatement = db.prepare(
      `UPDATE phonebook_entries
          SET name = @name, reading = @reading, company = @company, department = @department, numbers = @numbers,
              notes = @notes, version = @version, updated_at = @now
        WHERE id = @id AND tenant_id = @tenantId
       RETURNING ${COLUMNS}`,
    );
    this.deleteStatement = db.prepare('DELETE FROM phonebook_entries WHERE tenant_id = ? AND id = ? RETURNING id');
    this.tombstoneStatement = db.prepare(
      'INSERT INTO phonebook_tombstones (tenant_id, entry_id, version, deleted_at) VALUES (?, ?, ?, ?)',
    );
    this.findStatement = db.prepare(`SELECT ${COLUMNS} FROM phonebook_entries WHERE tenant_id = ? AND id = ?`);
    this.allStatement = db.prepare(`SELECT ${COLUMNS} FROM phonebook_entries WHERE tenant_id = ? ORDER BY id`);
    this.countStatement = db.prepare('SELECT count(*) AS count FROM phonebook_entries WHERE tenant_id = ?');
    this.allIdsStatement = db.prepare('SELECT id FROM phonebook_entries WHERE tenant_id = ? ORDER BY id');
    this.tenantsStatement = db.prepare('SELECT DISTINCT tenant_id FROM phonebook_entries');
    this.upsertsSinceStatement = db.prepare(
      `SELECT ${COLUMNS} FROM phonebook_entries WHERE tenant_id = ? AND version > ? ORDER BY version LIMIT ?`,
    );
    this.deletionsSinceStatement = db.prepare(
      'SELECT entry_id, version FROM phonebook_tombstones WHERE tenant_id = ? AND version > ? ORDER BY version LIMIT ?',
    );
  }

  /** The tenant's latest change version (0 before the first change). */
  currentVersion(tenantId: number): number {
    return this.currentVersionStatement.get(tenantId)?.version ?? 0;
  }

  find(tenantId: number, entryId: number): PhonebookEntry | undefined {
    const row = this.findStatement.get(tenantId, entryId);
    return row && toEntry(row);
  }

  /** Every entry of the tenant (to build its search index, or to export). */
  all(tenantId: number): PhonebookEntry[] {
    return this.allStatement.all(tenantId).map(toEntry);
  }

  /** The tenants that have at least one entry. */
  tenantsWithEntries(): number[] {
    return this.tenantsStatement.all().map((row) => row.tenant_id);
  }

  count(tenantId: number): number {
    return this.countStatement.get(tenantId)?.count ?? 0;
  }

  add(tenantId: number, fields: PhonebookEntryFields, now = Date.now()): PhonebookEntry {
    return this.db.transaction(() => this.insert(tenantId, fields, now)).immediate();
  }

  /** Replaces the entry's fields; undefined when the tenant has no such entry. */
  update(tenantId: number, entryId: number, fields: PhonebookEntryFields, now = Date.now()): PhonebookEntry | undefined {
    return this.db
      .transaction(() => {
        if (!this.findStatement.get(tenantId, entryId)) return undefined;
        const row = this.updateStatement.get({ ...fieldsToRow(fields), id: entryId, tenantId, version: this.nextVersion(tenantId), now });
        return row && toEntry(row);
      })
      .immediate();
  }

  /** Deletes the entry and leaves a tombstone; false when the tenant has no such entry. */
  remove(tenantId: number, entryId: number, now = Date.now()): boolean {
    return this.db.transaction(() => this.delete(tenantId, entryId, now)).immediate();
  }

  /**
   * Adds many entries (after deleting every existing one, for `replace`) in one transaction:
   * a failure part-way leaves the phonebook exactly as it was.
   */
  import(tenantId: number, entries: readonly PhonebookEntryFields[], mode: ImportMode, now = Date.now()): ImportOutcome {
    return this.db
      .transaction((): ImportOutcome => {
        const deletedIds: number[] = [];
        if (mode === 'replace') {
          for (const { id } of this.allIdsStatement.all(tenantId)) if (this.delete(tenantId, id, now)) deletedIds.push(id);
        }
        const added = entries.map((fields) => this.insert(tenantId, fields, now));
        return { added, deletedIds, version: this.currentVersion(tenantId) };
      })
      .immediate();
  }

  /**
   * Changes after version `since`, oldest first, at most `limit` of them (upserts and deletions
   * together), read in one transaction so the page and its version agree.
   */
  changesSince(tenantId: number, since: number, limit: number): PhonebookChanges {
    return this.db.transaction((): PhonebookChanges => {
      const upserts = this.upsertsSinceStatement.all(tenantId, since, limit + 1);
      const deletions = this.deletionsSinceStatement.all(tenantId, since, limit + 1);
      const merged = [
        ...upserts.map((row) => ({ version: row.version, upsert: row })),
        ...deletions.map((row) => ({ version: row.version, deletion: row.entry_id })),
      ].sort((a, b) => a.version - b.version);
      const more = merged.length > limit;
      const page = merged.slice(0, limit);
      return {
        version: more ? page.at(-1)!.version : this.currentVersion(tenantId),
        upserts: page.flatMap((change) => ('upsert' in change ? [toEntry(change.upsert)] : [])),
        deletions: page.flatMap((change) => ('deletion' in change ? [change.deletion] : [])),
        more,
      };
    })();
  }

  private insert(tenantId: number, fields: PhonebookEntryFields, now: number): PhonebookEntry {
    const row = this.insertStatement.get({ ...fieldsToRow(fields), tenantId, version: this.nextVersion(tenantId), now });
    if (!row) throw new Error('phonebook insert returned no row');
    return toEntry(row);
  }

  private delete(tenantId: number, entryId: number, now: number): boolean {
    if (!this.deleteStatement.get(tenantId, entryId)) return false;
    this.tombstoneStatement.run(tenantId, entryId, this.nextVersion(tenantId), now);
    return true;
  }

  private nextVersion(tenantId: number): number {
    const row = this.nextVersionStatement.get(tenantId);
    if (!row) throw new Error('phonebook version was not advanced');
    return row.version;
  }
}

function toEntry(row: EntryRow): PhonebookEntry {
  return {
    id: row.id,
    ...fieldsFromRow(row),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
