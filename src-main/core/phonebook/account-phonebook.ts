import type Database from 'better-sqlite3';
import type {
  PhonebookExport,
  PhonebookImportReport,
  PhonebookListing,
  PhonebookSearchResult,
  WebPhonebookStatus,
} from '../../../src-shared/contract/requests/phonebook.js';
import { ContractFailure } from '../../../src-shared/contract/result.js';
import type { PhonebookContact } from '../../../src-shared/domain/phone-snapshot.js';
import { readPhonebookCsv, writePhonebookCsv } from '../../../src-shared/phonebook/phonebook-csv.js';
import { checkEntryDraft, PHONEBOOK_LIMITS, type EntryDraft, type PhonebookEntryFields } from '../../../src-shared/phonebook/phonebook-entry.js';
import type { Logger } from '../logging/logger.js';
import type { Scheduler } from '../provisioning/config-watcher.js';
import { CallerLookup } from './caller-lookup.js';
import { LocalPhonebookStore, type LocalPhonebookEntry } from './local-phonebook-store.js';
import { PhonebookDirectory } from './phonebook-directory.js';
import { WebPhonebookCache, type WebPhonebookChanges } from './web-phonebook-cache.js';
import { WebPhonebookSync } from './web-phonebook-sync.js';

export interface AccountPhonebookOptions {
  db: Database.Database;
  loginId: string;
  /** the provisioning server the Web電話帳 comes from */
  serverUrl: string;
  token: () => string;
  fetch: typeof fetch;
  logger: Logger;
  now: () => number;
  /** how often the Web電話帳 is synced (besides login and config changes) */
  syncIntervalMs: number;
  scheduler?: Scheduler;
}

export const ENTRY_NOT_FOUND_MESSAGE = '指定された電話帳の項目はありません';
export const TOO_MANY_LOCAL_ENTRIES_MESSAGE = `ローカル電話帳に登録できるのは ${PHONEBOOK_LIMITS.entriesPerTenant.toLocaleString('ja-JP')} 件までです`;
const DEFAULT_SEARCH_LIMIT = 50;

/**
 * The logged-in account's phonebooks (issue 5 point 5): the local phonebook (SQLite, edited
 * here, CSV in and out), the Web電話帳 cache (synced from the server), one search over both,
 * and caller lookup. Every write goes to SQLite first and then, in the same turn, to the
 * search index, so a search never sees an uncommitted or half-applied change.
 */
export class AccountPhonebook {
  private readonly local: LocalPhonebookStore;
  private readonly web: WebPhonebookCache;
  private readonly directory: PhonebookDirectory;
  private readonly callers: CallerLookup;
  private readonly sync: WebPhonebookSync;
  private readonly loginId: string;

  constructor(private readonly options: AccountPhonebookOptions) {
    this.loginId = options.loginId;
    this.local = new LocalPhonebookStore(options.db);
    this.web = new WebPhonebookCache(options.db);
    this.callers = new CallerLookup(options.db);
    this.directory = new PhonebookDirectory({ local: () => this.local.all(this.loginId), web: () => this.web.all(this.loginId) });
    this.sync = new WebPhonebookSync({
      serverUrl: options.serverUrl,
      loginId: options.loginId,
      token: options.token,
      fetch: options.fetch,
      cache: this.web,
      logger: options.logger,
      intervalMs: options.syncIntervalMs,
      now: options.now,
      ...(options.scheduler ? { scheduler: options.scheduler } : {}),
      onChanged: (changes) => this.webChanged(changes),
    });
  }

  /** Starts syncing the Web電話帳 (now, then periodically). */
  start(): void {
    this.sync.start();
  }

  dispose(): void {
    this.sync.dispose();
    this.directory.clear();
  }

  /** Sync the Web電話帳 now (e.g. the provisioned config changed). */
  syncNow(): Promise<WebPhonebookStatus> {
    return this.sync.syncNow();
  }

  webStatus(): WebPhonebookStatus {
    return this.sync.status();
  }

  search(args: { query: string; offset?: number | undefined; limit?: number | undefined }): PhonebookSearchResult {
    return this.directory.search(args.query, args.offset ?? 0, args.limit ?? DEFAULT_SEARCH_LIMIT);
  }

  /** Builds the search index now instead of at the first search. */
  warmSearch(): void {
    this.directory.warm();
  }

  lookup(number: string): PhonebookContact | null {
    return this.callers.lookup(this.loginId, number);
  }

  create(draft: EntryDraft): PhonebookListing {
    const fields = checked(draft);
    if (this.local.count(this.loginId) >= PHONEBOOK_LIMITS.entriesPerTenant) {
      throw new ContractFailure('invalid-state', TOO_MANY_LOCAL_ENTRIES_MESSAGE);
    }
    const entry = this.local.create(this.loginId, fields, this.options.now());
    this.directory.put('local', entry);
    return localListing(entry);
  }

  update(patch: { id: number } & Partial<EntryDraft>): PhonebookListing {
    const existing = this.local.find(this.loginId, patch.id);
    if (!existing) throw new ContractFailure('not-found', ENTRY_NOT_FOUND_MESSAGE);
    const draft: EntryDraft = {
      name: patch.name ?? existing.name,
      reading: patch.reading ?? existing.reading,
      company: patch.company ?? existing.company,
      department: patch.department ?? existing.department,
      notes: patch.notes ?? existing.notes,
      numbers: patch.numbers ?? existing.numbers.map(({ label, digits }) => ({ label, number: digits })),
    };
    const updated = this.local.update(this.loginId, patch.id, checked(draft), this.options.now());
    if (!updated) throw new ContractFailure('not-found', ENTRY_NOT_FOUND_MESSAGE);
    this.directory.put('local', updated);
    return localListing(updated);
  }

  remove(id: number): void {
    if (!this.local.remove(this.loginId, id)) throw new ContractFailure('not-found', ENTRY_NOT_FOUND_MESSAGE);
    this.directory.remove('local', id);
  }

  /** A whole CSV file into the local phonebook, or nothing of it (see readPhonebookCsv). */
  importCsv(bytes: Uint8Array, mode: 'append' | 'replace'): PhonebookImportReport {
    const csv = readPhonebookCsv(bytes);
    if (!csv.ok && csv.kind === 'file') return { imported: false, reason: csv.reason, encoding: null, problems: [], truncated: false };
    if (!csv.ok) {
      const rows = new Set(csv.problems.map((problem) => problem.row)).size;
      return {
        imported: false,
        reason: `${rows}${csv.truncated ? ' 行以上' : ' 行'}に問題があるため、ファイルを取り込みませんでした（何も変更していません）`,
        encoding: csv.encoding,
        problems: csv.problems,
        truncated: csv.truncated,
      };
    }
    const after = (mode === 'replace' ? 0 : this.local.count(this.loginId)) + csv.entries.length;
    if (after > PHONEBOOK_LIMITS.entriesPerTenant) {
      return { imported: false, reason: `${TOO_MANY_LOCAL_ENTRIES_MESSAGE}（何も変更していません）`, encoding: csv.encoding, problems: [], truncated: false };
    }
    const outcome = this.local.importAll(this.loginId, csv.entries, mode, this.options.now());
    if (mode === 'replace' || this.directory.changedInBulk(outcome.added.length)) this.directory.clear();
    else for (const entry of outcome.added) this.directory.put('local', entry);
    this.options.logger.info('local phonebook imported', { mode, added: outcome.added.length, deleted: outcome.deleted, encoding: csv.encoding });
    return { imported: true, added: outcome.added.length, deleted: outcome.deleted, encoding: csv.encoding };
  }

  /** The local phonebook as a CSV file in the server's format (UTF-8 with BOM, or Shift_JIS). */
  exportCsv(encoding: 'utf8' | 'sjis'): PhonebookExport {
    const entries = this.local.all(this.loginId);
    const csv = writePhonebookCsv(entries, encoding);
    if (!csv.ok) throw new ContractFailure('invalid-argument', csv.reason);
    return {
      fileName: encoding === 'sjis' ? 'phonebook-sjis.csv' : 'phonebook.csv',
      encoding,
      count: entries.length,
      base64: Buffer.from(csv.bytes.buffer, csv.bytes.byteOffset, csv.bytes.byteLength).toString('base64'),
    };
  }

  private webChanged(changes: WebPhonebookChanges): void {
    if (changes.reset || this.directory.changedInBulk(changes.upserts.length + changes.deletions.length)) {
      this.directory.clear();
      return;
    }
    for (const id of changes.deletions) this.directory.remove('web', id);
    for (const entry of changes.upserts) this.directory.put('web', entry);
  }
}

/** The shared entry rules (the same as the Web電話帳's); all problems in one Japanese message. */
function checked(draft: EntryDraft): PhonebookEntryFields {
  const result = checkEntryDraft(draft);
  if (!result.ok) throw new ContractFailure('invalid-argument', result.problems.map((problem) => problem.reason).join('。'));
  return result.value;
}

function localListing(entry: LocalPhonebookEntry): PhonebookListing {
  return {
    book: 'local',
    id: entry.id,
    name: entry.name,
    reading: entry.reading,
    company: entry.company,
    department: entry.department,
    numbers: entry.numbers.map(({ label, digits }) => ({ label, digits })),
    notes: entry.notes,
    updatedAt: entry.updatedAt,
  };
}
