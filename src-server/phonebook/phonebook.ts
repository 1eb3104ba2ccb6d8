import type Database from 'better-sqlite3';
import { type Result, fail, ok } from '../../src-shared/contract/result.js';
import type { PhonebookEntry, PhonebookEntryFields } from '../../src-shared/phonebook/phonebook-entry.js';
import { PHONEBOOK_LIMITS } from '../../src-shared/phonebook/phonebook-entry.js';
import { PhonebookStore, type ImportMode, type PhonebookChanges } from './phonebook-store.js';
import { PhonebookSearchIndex, type SearchPage } from '../../src-shared/phonebook/search-index.js';

export const TOO_MANY_ENTRIES_MESSAGE = `電話帳に登録できるのは ${PHONEBOOK_LIMITS.entriesPerTenant.toLocaleString('ja-JP')} 件までです`;

/** Bulk changes larger than this rebuild the tenant's index instead of updating it entry by entry. */
const REBUILD_AFTER_CHANGES = 2_000;

export interface ImportSummary {
  added: number;
  deleted: number;
  version: number;
}

export interface SyncPage extends PhonebookChanges {
  /** the softphone's version is unknown here (e.g. the server's data was reset): drop the local copy first */
  reset: boolean;
}

/**
 * A tenant's Web電話帳: writes go to SQLite (one transaction each) and then, in the same turn,
 * to the tenant's search index, so searches always see exactly what is committed. Indexes are
 * built from SQLite by buildIndexes() at start (a 100,000-entry tenant takes seconds, which must
 * not stall calls later) or else on a tenant's first use, and kept for the server's lifetime.
 * This process must be the only writer of the phonebook tables, or its indexes go stale.
 */
export class Phonebook {
  private readonly store: PhonebookStore;
  private readonly indexes = new Map<number, PhonebookSearchIndex>();

  constructor(db: Database.Database) {
    this.store = new PhonebookStore(db);
  }

  /** Builds the index of every tenant that has entries (call once at start, before serving). */
  buildIndexes(): void {
    for (const tenantId of this.store.tenantsWithEntries()) this.indexOf(tenantId);
  }

  search(tenantId: number, query: string, offset: number, limit: number): SearchPage & { version: number } {
    return { ...this.indexOf(tenantId).search(query, offset, limit), version: this.store.currentVersion(tenantId) };
  }

  find(tenantId: number, entryId: number): PhonebookEntry | undefined {
    return this.indexOf(tenantId).get(entryId);
  }

  /** Every entry in reading order (for export). */
  all(tenantId: number): PhonebookEntry[] {
    return this.indexOf(tenantId).entries();
  }

  add(tenantId: number, fields: PhonebookEntryFields): Result<PhonebookEntry> {
    const index = this.indexOf(tenantId);
    if (index.size >= PHONEBOOK_LIMITS.entriesPerTenant) return fail('invalid-state', TOO_MANY_ENTRIES_MESSAGE);
    const entry = this.store.add(tenantId, fields);
    index.upsert(entry);
    return ok(entry);
  }

  update(tenantId: number, entryId: number, fields: PhonebookEntryFields): PhonebookEntry | undefined {
    const entry = this.store.update(tenantId, entryId, fields);
    if (entry) this.indexOf(tenantId).upsert(entry);
    return entry;
  }

  remove(tenantId: number, entryId: number): boolean {
    const removed = this.store.remove(tenantId, entryId);
    if (removed) this.indexOf(tenantId).remove(entryId);
    return removed;
  }

  /** All of `entries` or none (one transaction); `replace` deletes every existing entry first. */
  import(tenantId: number, entries: readonly PhonebookEntryFields[], mode: ImportMode): Result<ImportSummary> {
    const index = this.indexOf(tenantId);
    const after = (mode === 'replace' ? 0 : index.size) + entries.length;
    if (after > PHONEBOOK_LIMITS.entriesPerTenant) return fail('invalid-state', TOO_MANY_ENTRIES_MESSAGE);
    const outcome = this.store.import(tenantId, entries, mode);
    if (outcome.deletedIds.length + outcome.added.length > REBUILD_AFTER_CHANGES) {
      // Cheaper to build afresh than to splice thousands of entries into the ordered lists.
      this.indexes.set(tenantId, new PhonebookSearchIndex(this.store.all(tenantId)));
    } else {
      for (const id of outcome.deletedIds) index.remove(id);
      for (const entry of outcome.added) index.upsert(entry);
    }
    return ok({ added: outcome.added.length, deleted: outcome.deletedIds.length, version: outcome.version });
  }

  /** Changes after `since` for a softphone's local copy, paged. */
  changesSince(tenantId: number, since: number, limit: number): SyncPage {
    const current = this.store.currentVersion(tenantId);
    // A version from the future means the softphone synced against other data: start over.
    const reset = since > current;
    return { ...this.store.changesSince(tenantId, reset ? 0 : since, limit), reset };
  }

  private indexOf(tenantId: number): PhonebookSearchIndex {
    let index = this.indexes.get(tenantId);
    if (!index) {
      index = new PhonebookSearchIndex(this.store.all(tenantId));
      this.indexes.set(tenantId, index);
    }
    return index;
  }
}
