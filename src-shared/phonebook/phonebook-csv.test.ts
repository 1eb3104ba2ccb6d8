import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeCsv, encodeCsv } from './csv-encoding.js';
import { CSV_COLUMNS, CSV_LIMITS, readPhonebookCsv, writePhonebookCsv } from './phonebook-csv.js';
import type { PhonebookEntry } from './phonebook-entry.js';

const HEADER = CSV_COLUMNS.join(',');
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const withBom = (text: string): Uint8Array => new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]);
const sjis = (text: string): Uint8Array => iconv.encode(text, 'cp932');

const entry = (id: number, fields: Partial<PhonebookEntry>): PhonebookEntry => ({
  id,
  name: '山田 太郎',
  reading: 'ヤマダ タロウ',
  company: '株式会社山田商店',
  department: '営業部',
  numbers: [
    { label: '会社', digits: '0312345678' },
    { label: '携帯', digits: '09012345678' },
  ],
  notes: '受付 9:00〜18:00、"至急"は携帯へ',
  version: id,
  createdAt: 0,
  updatedAt: 0,
  ...fields,
});

describe('CSV encodings', () => {
  it('detects UTF-8 with and without BOM, and Shift_JIS (CP932) otherwise', () => {
    expect(decodeCsv(withBom('名前'))).toEqual({ ok: true, text: '名前', encoding: 'utf8' });
    expect(decodeCsv(utf8('名前'))).toEqual({ ok: true, text: '名前', encoding: 'utf8' });
    expect(decodeCsv(sjis('名前,①,№,㈱'))).toEqual({ ok: true, text: '名前,①,№,㈱', encoding: 'sjis' });
    expect(decodeCsv(new Uint8Array([0xff, 0xfe, 0x0d, 0x54]))).toMatchObject({ ok: false, reason: expect.stringContaining('UTF-16') });
  });

  it('exports the wave dash and friends in their CP932 forms, and refuses what CP932 cannot hold', () => {
    const encoded = encodeCsv('9:00〜18:00 −5', 'sjis');
    expect(encoded.ok && iconv.decode(encoded.bytes, 'cp932')).toBe('9:00～18:00 －5');
    expect(encodeCsv('𠮷野家', 'sjis')).toEqual({ ok: false, unrepresentable: '𠮷' });
  });
});

describe('phonebook CSV round trip', () => {
  const entries = [
    entry(1, {}),
    entry(2, { name: 'ｻﾎﾟｰﾄ窓口', reading: '', company: '', department: '', numbers: [{ label: '', digits: '0120123456' }], notes: '改行\nあり' }),
    entry(3, { name: '=HYPERLINK("x")', reading: 'イコール', numbers: [{ label: 'FAX', digits: '0451234567' }], notes: '@メモ' }),
  ];

  it.each(['utf8', 'sjis'] as const)('reads back what it wrote in %s, Japanese text intact', (encoding) => {
    const written = writePhonebookCsv(entries, encoding);
    if (!written.ok) throw new Error(written.reason);
    if (encoding === 'utf8') expect([...written.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const read = readPhonebookCsv(written.bytes);
    if (!read.ok) throw new Error(JSON.stringify(read));
    expect(read.encoding).toBe(encoding);
    const wavy = (text: string): string => (encoding === 'sjis' ? text.replace('〜', '～') : text);
    expect(read.entries).toEqual(
      entries.map(({ name, reading, company, department, numbers, notes }) => ({ name, reading, company, department, numbers, notes: wavy(notes) })),
    );
  });

  it('writes numbers with hyphens, CRLF line ends, and formulas neutralised', () => {
    const written = writePhonebookCsv(entries, 'utf8');
    if (!written.ok) throw new Error(written.reason);
    const text = new TextDecoder().decode(written.bytes.subarray(3));
    expect(text.startsWith(`${HEADER}\r\n`)).toBe(true);
    expect(text).toContain('03-1234-5678,会社,090-1234-5678,携帯');
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
    expect(text).toContain("'@メモ");
  });

  it('refuses a Shift_JIS export with a character Shift_JIS cannot hold, naming the row', () => {
    const written = writePhonebookCsv([entry(1, {}), entry(2, { name: '𠮷田' })], 'sjis');
    expect(written).toEqual({ ok: false, reason: expect.stringContaining('「𠮷」') });
    expect(!written.ok && written.reason).toContain('3 行目');
  });
});

describe('phonebook CSV import checks', () => {
  it('accepts headers in any order and only the required ones', () => {
    const read = readPhonebookCsv(utf8('電話番号1,名前\n03-1111-2222,山田\n'));
    expect(read).toMatchObject({ ok: true, entries: [{ name: '山田', numbers: [{ digits: '0311112222', label: '' }] }] });
  });

  it('names unknown, duplicated and missing headers', () => {
    expect(readPhonebookCsv(utf8(`${HEADER},FAX番号,携帯\n`))).toMatchObject({ ok: false, kind: 'file', reason: expect.stringContaining('不明な見出しがあります: FAX番号, 携帯') });
    expect(readPhonebookCsv(utf8('名前,名前,電話番号1\n'))).toMatchObject({ ok: false, reason: expect.stringContaining('見出しが重複しています: 名前') });
    expect(readPhonebookCsv(utf8('名前,会社名\n山田,A社\n'))).toMatchObject({ ok: false, reason: '必要な見出しがありません: 電話番号1' });
    expect(readPhonebookCsv(utf8(''))).toMatchObject({ ok: false, kind: 'file' });
    expect(readPhonebookCsv(utf8(`${HEADER}\n`))).toMatchObject({ ok: false, reason: '取り込むデータの行がありません' });
    expect(readPhonebookCsv(utf8(`${HEADER}\n"山田,0312345678\n`))).toMatchObject({ ok: false, reason: expect.stringContaining('CSV の形式が正しくありません') });
  });

  it('reports every bad row with its Excel row number, column and a Japanese reason', () => {
    const csv = [
      '名前,電話番号1,電話番号1種別,電話番号2,電話番号2種別,フリガナ',
      '山田,03-1234-5678,会社,,,ヤマダ',
      ',03-1234-5678,,,,',
      '鈴木,abc,,,携帯,',
      '',
      '高橋,312345678,,,,',
      `伊藤,03-1234-5678,,,,${'ア'.repeat(101)}`,
      '渡辺,,,,,',
      '中村,03-1234-5678,,,,,余計な値',
    ].join('\r\n');
    const read = readPhonebookCsv(sjis(csv));
    expect(read).toMatchObject({ ok: false, kind: 'rows', encoding: 'sjis', truncated: false });
    expect(!read.ok && read.kind === 'rows' && read.problems).toEqual([
      { row: 3, column: '名前', reason: '名前を入力してください' },
      { row: 4, column: '電話番号2種別', reason: '電話番号2 が空なのに種別が入力されています' },
      { row: 4, column: '電話番号1', reason: '電話番号は数字とハイフンで入力してください' },
      { row: 6, column: '電話番号1', reason: '先頭の 0 が欠けています（Excel で数値として保存された可能性があります）' },
      { row: 7, column: 'フリガナ', reason: 'フリガナは 100 文字以内にしてください' },
      { row: 8, column: '電話番号1', reason: '電話番号を 1 つ以上入力してください' },
      { row: 9, column: '7 列目（見出しなし）', reason: '見出しのない列に値があります' },
    ]);
  });

  it('enforces the size and row limits with clear errors', () => {
    expect(readPhonebookCsv(new Uint8Array(CSV_LIMITS.bytes + 1))).toMatchObject({ ok: false, tooLarge: true, reason: expect.stringContaining('5 MiB') });
    const rows = Array.from({ length: CSV_LIMITS.rows + 1 }, (_, i) => `名前${i},0312345678`).join('\n');
    expect(readPhonebookCsv(utf8(`名前,電話番号1\n${rows}\n`))).toMatchObject({ ok: false, tooLarge: true, reason: expect.stringContaining('上限 20,000 行') });
  });

  it('cuts a very long report but still rejects the file', () => {
    const rows = Array.from({ length: CSV_LIMITS.reportedProblems + 5 }, () => ',0312345678').join('\n');
    const read = readPhonebookCsv(utf8(`名前,電話番号1\n${rows}\n`));
    expect(read).toMatchObject({ ok: false, kind: 'rows', truncated: true });
    expect(!read.ok && read.kind === 'rows' && read.problems.length).toBe(CSV_LIMITS.reportedProblems);
  });
});
