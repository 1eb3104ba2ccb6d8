import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContractFailure } from '../../../src-shared/contract/result.js';
import { newPhonebookEntrySchema } from '../../../src-shared/contract/requests/phonebook.js';
import { createSilentLogger } from '../logging/logger.js';
import { LocalDatabase } from '../storage/local-database.js';
import { AccountPhonebook } from './account-phonebook.js';
import { FakePhonebookServer, manualScheduler } from './fake-phonebook-server.js';
import { LocalPhonebookStore } from './local-phonebook-store.js';

let database: LocalDatabase;
let server: FakePhonebookServer;
const books: AccountPhonebook[] = [];

function phonebookOf(loginId = '05030000001'): AccountPhonebook {
  const book = new AccountPhonebook({
    db: database.db,
    loginId,
    serverUrl: 'http://127.0.0.1:1',
    token: () => 'token-1',
    fetch: server.fetch,
    logger: createSilentLogger(),
    now: () => 1_700_000_000_000,
    syncIntervalMs: 60_000,
    scheduler: manualScheduler,
  });
  books.push(book);
  return book;
}

const person = (name: string, reading: string, number: string, company = '', label = '会社') => ({
  name,
  reading,
  company,
  department: '',
  notes: '',
  numbers: [{ label, number }],
});

const names = (book: AccountPhonebook, query: string): string[] => book.search({ query }).entries.map((entry) => `${entry.book}:${entry.name}`);

function csvBytes(text: string, encoding: 'utf8' | 'sjis'): string {
  const bytes = encoding === 'sjis' ? iconv.encode(text, 'cp932') : Buffer.from(text, 'utf8');
  return Buffer.from(bytes).toString('base64');
}

beforeEach(() => {
  database = LocalDatabase.open();
  server = new FakePhonebookServer();
});
afterEach(() => {
  for (const book of books.splice(0)) book.dispose();
  database.close();
});

describe('local phonebook entries', () => {
  it('creates, edits and deletes an entry; numbers are stored as digits', () => {
    const book = phonebookOf();
    const created = book.create(person('山田 太郎', 'ヤマダ タロウ', '03-1234-5678', '山田商店'));
    expect(created).toMatchObject({ book: 'local', name: '山田 太郎', numbers: [{ label: '会社', digits: '0312345678' }] });

    const edited = book.update({ id: created.id, company: '株式会社ヤマダ', numbers: [{ label: '携帯', number: '090-1111-2222' }] });
    expect(edited).toMatchObject({ name: '山田 太郎', company: '株式会社ヤマダ', numbers: [{ label: '携帯', digits: '09011112222' }] });
    expect(names(book, 'やまだ')).toEqual(['local:山田 太郎']);
    expect(book.lookup('09011112222')).toMatchObject({ book: 'local', name: '山田 太郎', label: '携帯' });
    expect(book.lookup('0312345678')).toBeNull();

    book.remove(created.id);
    expect(names(book, 'やまだ')).toEqual([]);
    expect(book.lookup('09011112222')).toBeNull();
    expect(() => book.remove(created.id)).toThrow(ContractFailure);
  });

  it('refuses invalid entries with Japanese reasons and changes nothing', () => {
    const book = phonebookOf();
    const failure = (run: () => unknown): ContractFailure => {
      try {
        run();
      } catch (error) {
        if (error instanceof ContractFailure) return error;
        throw error;
      }
      throw new Error('did not fail');
    };
    expect(failure(() => book.create(person('  ', '', '0312345678'))).message).toContain('名前を入力してください');
    expect(failure(() => book.create(person('鈴木', '', '312345678'))).message).toContain('先頭の 0 が欠けています');
    expect(failure(() => book.create(person('鈴木', '', '03-abcd'))).message).toContain('電話番号は数字とハイフンで入力してください');
    const kept = book.create(person('鈴木', 'スズキ', '0312345678'));
    expect(failure(() => book.update({ id: kept.id, name: '' })).code).toBe('invalid-argument');
    expect(failure(() => book.update({ id: 999, name: '誰か' })).code).toBe('not-found');
    expect(book.search({ query: '' }).total).toBe(1);

    // the contract's schema catches shapes first, also in Japanese
    const parsed = newPhonebookEntrySchema.safeParse({ name: '佐藤', numbers: [] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe('電話番号を 1 つ以上入力してください');
  });

  it('keeps each account to its own entries', () => {
    const mine = phonebookOf('05030000001');
    const theirs = phonebookOf('05030000002');
    mine.create(person('高橋', 'タカハシ', '0311112222'));
    expect(theirs.search({ query: '' }).total).toBe(0);
    expect(theirs.lookup('0311112222')).toBeNull();
  });
});

describe('search over both books', () => {
  it('folds kana and width, ignores hyphens in digits, ranks prefix before substring, local before web on a tie', async () => {
    server.add({ name: '山田 花子', reading: 'ヤマダ ハナコ', company: '東京物産株式会社', department: '営業部', notes: '', numbers: [{ label: '会社', digits: '0355550100' }] });
    server.add({ name: '小山田 一郎', reading: 'オヤマダ イチロウ', company: '', department: '', notes: '', numbers: [{ label: '', digits: '0455551234' }] });
    const book = phonebookOf();
    book.start();
    await book.syncNow();
    book.create(person('山田 花子', 'ヤマダ ハナコ', '090-5555-0100'));
    book.create(person('田中 次郎', 'タナカ ジロウ', '06-6666-0100', 'やまだ運輸'));

    // same rank and same reading: the local entry first
    expect(names(book, 'やまだ')).toEqual(['local:山田 花子', 'web:山田 花子', 'local:田中 次郎', 'web:小山田 一郎']);
    // katakana, half-width katakana and full-width input find the same
    expect(names(book, 'ヤマダ')).toEqual(names(book, 'やまだ'));
    expect(names(book, 'ﾔﾏﾀﾞ')).toEqual(names(book, 'やまだ'));
    expect(names(book, 'とうきょう')).toEqual([]);
    expect(names(book, '東京')).toEqual(['web:山田 花子']);
    // digits: hyphens and full width ignored, exact before prefix before substring
    expect(names(book, '03-5555-0100')).toEqual(['web:山田 花子']);
    expect(names(book, '０３５５')).toEqual(['web:山田 花子']);
    // the number starting with the digits first, then those containing them (each in reading order)
    book.create(person('伊藤 三郎', 'イトウ サブロウ', '0100-12-3456'));
    expect(names(book, '0100')).toEqual(['local:伊藤 三郎', 'local:田中 次郎', 'local:山田 花子', 'web:山田 花子']);
    expect(names(book, '090')).toEqual(['local:山田 花子']);
    const firstPage = book.search({ query: '', limit: 2 });
    expect(firstPage.total).toBe(5);
    expect(firstPage.entries).toHaveLength(2);
  });
});

describe('caller lookup', () => {
  it('finds the caller by number in either book, the local one first, +81 and hyphens folded', async () => {
    server.add({ name: 'Web 太郎', reading: '', company: 'ウェブ商事', department: '総務部', notes: '', numbers: [{ label: '代表', digits: '0355550100' }] });
    server.add({ name: 'Web 次郎', reading: '', company: 'ウェブ商事', department: '', notes: '', numbers: [{ label: '', digits: '0666660100' }] });
    const book = phonebookOf();
    book.start();
    await book.syncNow();
    book.create(person('ローカル 太郎', '', '03-5555-0100', '自分の会社', '会社'));
    expect(book.lookup('+81355550100')).toEqual({ book: 'local', id: expect.any(Number), name: 'ローカル 太郎', company: '自分の会社', department: '', label: '会社' });
    expect(book.lookup('0666660100')).toEqual({ book: 'web', id: 2, name: 'Web 次郎', company: 'ウェブ商事', department: '', label: '' });
    expect(book.lookup('0000')).toBeNull();
    expect(book.lookup('anonymous')).toBeNull();
  });
});

describe('CSV import and export', () => {
  const header = '名前,フリガナ,会社名,部署,電話番号1,電話番号1種別,電話番号2,電話番号2種別,メモ';

  it('imports a real Shift_JIS file (detected) and exports it again in Shift_JIS and UTF-8', () => {
    const book = phonebookOf();
    const text = `${header}\r\n髙橋 ①郎,タカハシ イチロウ,㈱テスト,営業部,03-1234-5678,会社,090-1234-5678,携帯,"メモ, 改行\r\nあり"\r\nｻﾄｳ ﾊﾅｺ,ｻﾄｳ ﾊﾅｺ,,,0451234567,,,,\r\n`;
    const report = book.importCsv(Buffer.from(csvBytes(text, 'sjis'), 'base64'), 'append');
    expect(report).toEqual({ imported: true, added: 2, deleted: 0, encoding: 'sjis' });
    expect(names(book, 'たかはし')).toEqual(['local:髙橋 ①郎']);
    expect(names(book, 'さとう')).toEqual(['local:ｻﾄｳ ﾊﾅｺ']);
    expect(book.lookup('09012345678')).toMatchObject({ name: '髙橋 ①郎', company: '㈱テスト', label: '携帯' });

    const sjis = book.exportCsv('sjis');
    expect(sjis).toMatchObject({ fileName: 'phonebook-sjis.csv', encoding: 'sjis', count: 2 });
    const decoded = iconv.decode(Buffer.from(sjis.base64, 'base64'), 'cp932');
    expect(decoded.split('\r\n')[0]).toBe('名前,フリガナ,会社名,部署,電話番号1,電話番号1種別,電話番号2,電話番号2種別,電話番号3,電話番号3種別,メモ');
    expect(decoded).toContain('髙橋 ①郎,タカハシ イチロウ,㈱テスト,営業部,03-1234-5678,会社,090-1234-5678,携帯,,,"メモ, 改行\r\nあり"');

    // the exported file imports again as the same entries (replace: one transaction)
    const again = book.importCsv(Buffer.from(sjis.base64, 'base64'), 'replace');
    expect(again).toEqual({ imported: true, added: 2, deleted: 2, encoding: 'sjis' });
    const utf8 = Buffer.from(book.exportCsv('utf8').base64, 'base64');
    expect([...utf8.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(utf8.toString('utf8')).toContain('髙橋 ①郎');
  });

  it('rejects a file with bad rows as a whole, naming row, column and reason, and applies nothing', () => {
    const book = phonebookOf();
    book.create(person('既存', 'キソン', '0311112222'));
    const text = `${header}\n良い行,ヨイ,,,0312345678,,,,\n,ナシ,,,0312345679,,,,\n数値化,,,,312345678,,,,\n`;
    const report = book.importCsv(Buffer.from(csvBytes(text, 'utf8'), 'base64'), 'replace');
    expect(report).toMatchObject({ imported: false, encoding: 'utf8', truncated: false });
    if (report.imported) throw new Error('imported');
    expect(report.reason).toContain('2 行に問題があるため');
    expect(report.problems).toEqual([
      { row: 3, column: '名前', reason: '名前を入力してください' },
      { row: 4, column: '電話番号1', reason: expect.stringContaining('先頭の 0 が欠けています') },
    ]);
    expect(names(book, '')).toEqual(['local:既存']);

    const unknownHeader = book.importCsv(Buffer.from('氏名,電話\n佐藤,0311112222\n', 'utf8'), 'append');
    expect(unknownHeader).toMatchObject({ imported: false, encoding: null, problems: [] });
    expect(names(book, '')).toEqual(['local:既存']);
  });

  it('a failure inside the import transaction leaves the phonebook as it was', () => {
    const book = phonebookOf();
    book.create(person('既存', 'キソン', '0311112222'));
    const store = new LocalPhonebookStore(database.db);
    const fine = { name: '新規', reading: '', company: '', department: '', notes: '', numbers: [{ label: '', digits: '0312345678' }] };
    // an empty name passes no CHECK: the second row fails after the first was inserted
    expect(() => store.importAll('05030000001', [fine, { ...fine, name: '' }], 'replace')).toThrow(/CHECK/);
    expect(store.all('05030000001').map((entry) => entry.name)).toEqual(['既存']);
    expect(database.db.prepare('SELECT count(*) FROM local_phonebook_numbers').pluck().get()).toBe(1);
  });
});
