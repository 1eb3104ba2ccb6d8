import type { PhonebookBook, PhonebookListing, PhonebookSearchResult } from '../../../src-shared/contract/requests/phonebook.js';
import type { PhonebookEntryFields } from '../../../src-shared/phonebook/phonebook-entry.js';
import { PhonebookSearchIndex } from '../../../src-shared/phonebook/search-index.js';

/** An entry of either book inside the one index: `id` is a key unique across both books. */
export interface DirectoryEntry extends PhonebookEntryFields {
  id: number;
  book: PhonebookBook;
  entryId: number;
  updatedAt: number;
}

/**
 * Web keys sit above every local key, so within one rank and one reading the index's id order
 * puts the local entry first (the user's own entry wins a tie with the company's).
 */
const WEB_KEY_OFFSET = 2 ** 40;
/** more changes than this at once: rebuild from SQLite instead of splicing entry by entry */
const REBUILD_AFTER_CHANGES = 2_000;

export function directoryKey(book: PhonebookBook, entryId: number): number {
  return book === 'local' ? entryId : WEB_KEY_OFFSET + entryId;
}

export interface DirectorySource {
  local(): (PhonebookEntryFields & { id: number; updatedAt: number })[];
  web(): (PhonebookEntryFields & { id: number; updatedAt: number })[];
}

/**
 * One search over the local phonebook and the cached Web電話帳: the server's in-memory index
 * (src-shared/phonebook/search-index.ts: n-gram postings, ranks exactly as the plain scan)
 * over both books at once. Built from SQLite on the first search (not at login, so a phone
 * that never searches keeps its memory), then kept in step with every committed write.
 */
export class PhonebookDirectory {
  private index: PhonebookSearchIndex<DirectoryEntry> | undefined;

  constructor(private readonly source: DirectorySource) {}

  get isBuilt(): boolean {
    return this.index !== undefined;
  }

  search(query: string, offset: number, limit: number): PhonebookSearchResult {
    const page = this.built().search(query, offset, limit);
    return { total: page.total, entries: page.entries.map(toListing) };
  }

  /** Builds the index now (the bench and a UI that wants the first keystroke fast). */
  warm(): void {
    this.built();
  }

  put(book: PhonebookBook, entry: PhonebookEntryFields & { id: number; updatedAt: number }): void {
    this.index?.upsert(toDirectoryEntry(book, entry));
  }

  remove(book: PhonebookBook, entryId: number): void {
    this.index?.remove(directoryKey(book, entryId));
  }

  /** Many changes at once (an import, a first sync, a reset): the next search rebuilds. */
  changedInBulk(count: number): boolean {
    if (count <= REBUILD_AFTER_CHANGES) return false;
    this.index = undefined;
    return true;
  }

  /** Drops the index (logout; the memory goes with it). */
  clear(): void {
    this.index = undefined;
  }

  private built(): PhonebookSearchIndex<DirectoryEntry> {
    if (!this.index) {
      const entries = [
        ...this.source.local().map((entry) => toDirectoryEntry('local', entry)),
        ...this.source.web().map((entry) => toDirectoryEntry('web', entry)),
      ];
      this.index = new PhonebookSearchIndex(entries);
    }
    return this.index;
  }
}

function toDirectoryEntry(book: PhonebookBook, entry: PhonebookEntryFields & { id: number; updatedAt: number }): DirectoryEntry {
  return {
    id: directoryKey(book, entry.id),
    book,
    entryId: entry.id,
    name: entry.name,
    reading: entry.reading,
    company: entry.company,
    department: entry.department,
    numbers: entry.numbers,
    notes: entry.notes,
    updatedAt: entry.updatedAt,
  };
}

function toListing(entry: DirectoryEntry): PhonebookListing {
  return {
    book: entry.book,
    id: entry.entryId,
    name: entry.name,
    reading: entry.reading,
    company: entry.company,
    department: entry.department,
    numbers: entry.numbers.map(({ label, digits }) => ({ label, digits })),
    notes: entry.notes,
    updatedAt: entry.updatedAt,
  };
}
