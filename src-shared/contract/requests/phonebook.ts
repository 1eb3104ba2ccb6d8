import { z } from 'zod';
import type { PhonebookContact } from '../../domain/phone-snapshot.js';
import { PHONEBOOK_LIMITS } from '../../phonebook/phonebook-entry.js';
import { request } from '../define.js';

/**
 * The phonebook requests (issue 5 point 5): the local phonebook (create, edit, delete, CSV),
 * the cached Web電話帳 (sync), one search over both, and caller lookup. The shapes are checked
 * here with Japanese messages; the entry rules (digits, leading 0, …) are applied again by the
 * core with the same rules as the server's Web電話帳 (src-shared/phonebook/phonebook-entry.ts).
 */
export type PhonebookBook = 'local' | 'web';

/** An entry of either book as search and list show it. */
export interface PhonebookListing {
  book: PhonebookBook;
  /** the entry's id within its book (local ids and web ids may be equal) */
  id: number;
  name: string;
  reading: string;
  company: string;
  department: string;
  numbers: { label: string; digits: string }[];
  notes: string;
  updatedAt: number;
}

export interface PhonebookSearchResult {
  /** how many entries match in all (both books) */
  total: number;
  entries: PhonebookListing[];
}

export interface CsvRowProblemView {
  /** as Excel numbers it: the header is row 1 */
  row: number;
  column: string;
  reason: string;
}

export type PhonebookImportReport =
  | { imported: true; added: number; deleted: number; encoding: 'utf8' | 'sjis' }
  /** nothing was applied; `problems` is empty when the file as a whole was unusable */
  | { imported: false; reason: string; encoding: 'utf8' | 'sjis' | null; problems: CsvRowProblemView[]; truncated: boolean };

export interface PhonebookExport {
  fileName: string;
  encoding: 'utf8' | 'sjis';
  count: number;
  /** the file's bytes */
  base64: string;
}

export interface WebPhonebookStatus {
  /** the server's change version the cache has reached (0: never synced) */
  version: number;
  entries: number;
  /** when the last sync succeeded (ms), null if never */
  syncedAt: number | null;
  /** the last sync's failure (the cache is kept), null after a success */
  lastError: string | null;
}

/** The largest CSV accepted (the server's Web電話帳 limit). */
export const PHONEBOOK_CSV_MAX_BYTES = 5 * 1024 * 1024;
const CSV_BASE64_MAX = Math.ceil(PHONEBOOK_CSV_MAX_BYTES / 3) * 4;

const text = (label: string, max: number) => z.string().max(max, `${label}は ${max} 文字以内にしてください`);
const typedNumber = z
  .object({
    label: text('種別', PHONEBOOK_LIMITS.label).optional().default(''),
    number: z.string().trim().min(1, '電話番号を入力してください').max(40, '電話番号が長すぎます'),
  })
  .strict();
const numbers = z
  .array(typedNumber)
  .min(1, '電話番号を 1 つ以上入力してください')
  .max(PHONEBOOK_LIMITS.numbers, `電話番号は ${PHONEBOOK_LIMITS.numbers} つまでです`);
const entryFields = {
  name: z.string().trim().min(1, '名前を入力してください').max(PHONEBOOK_LIMITS.name, `名前は ${PHONEBOOK_LIMITS.name} 文字以内にしてください`),
  reading: text('フリガナ', PHONEBOOK_LIMITS.reading),
  company: text('会社名', PHONEBOOK_LIMITS.company),
  department: text('部署', PHONEBOOK_LIMITS.department),
  notes: text('メモ', PHONEBOOK_LIMITS.notes),
};
const entryId = z.number({ message: '項目の ID が正しくありません' }).int().positive().max(Number.MAX_SAFE_INTEGER);

export const newPhonebookEntrySchema = z
  .object({
    name: entryFields.name,
    reading: entryFields.reading.optional().default(''),
    company: entryFields.company.optional().default(''),
    department: entryFields.department.optional().default(''),
    notes: entryFields.notes.optional().default(''),
    numbers,
  })
  .strict();

export const phonebookPatchSchema = z
  .object({
    id: entryId,
    name: entryFields.name.optional(),
    reading: entryFields.reading.optional(),
    company: entryFields.company.optional(),
    department: entryFields.department.optional(),
    notes: entryFields.notes.optional(),
    numbers: numbers.optional(),
  })
  .strict();

export const phonebookRequests = {
  /** both books, ranked (see src-shared/phonebook/search-ranking.ts); an empty query lists all */
  'phonebook.search': request<PhonebookSearchResult>()(
    z.object({
      query: z.string().max(100, '検索語が長すぎます').default(''),
      offset: z.number().int().min(0).max(1_000_000).optional(),
      limit: z.number().int().min(1).max(200).optional(),
    }),
  ),
  'phonebook.create': request<PhonebookListing>()(newPhonebookEntrySchema),
  /** local entries only (the Web電話帳 is edited on the お客様ページ); omitted fields stay */
  'phonebook.update': request<PhonebookListing>()(phonebookPatchSchema),
  'phonebook.delete': request<null>()(z.object({ id: entryId })),
  /** a CSV file (UTF-8 or Shift_JIS, detected) into the local phonebook: all rows or none */
  'phonebook.importCsv': request<PhonebookImportReport>()(
    z.object({
      base64: z
        .string()
        .min(1, 'ファイルが空です')
        .max(CSV_BASE64_MAX, `ファイルが大きすぎます（上限 ${PHONEBOOK_CSV_MAX_BYTES / 1024 / 1024} MiB）`)
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'ファイルの内容を読み取れません'),
      /** replace: the local phonebook is emptied first (in the same transaction) */
      mode: z.enum(['append', 'replace']).default('append'),
    }),
  ),
  'phonebook.exportCsv': request<PhonebookExport>()(z.object({ encoding: z.enum(['utf8', 'sjis']).default('utf8') })),
  /** who is calling: the entry with exactly this number (local first), or null */
  'phonebook.lookup': request<PhonebookContact | null>()(z.object({ number: z.string().max(64) })),
  /** fetch the Web電話帳's changes now (also done after login, periodically and on config changes) */
  'phonebook.sync': request<WebPhonebookStatus>()(z.object({})),
};
