import { describe, expect, it } from 'vitest';
import type { PhonebookEntry } from './phonebook-entry.js';
import { linearScanSearch } from './linear-scan.js';
import { PhonebookSearchIndex } from './search-index.js';
import { syntheticEntries } from './synthetic-entries.js';

const entry = (id: number, fields: Partial<PhonebookEntry>): PhonebookEntry => ({
  id,
  name: '',
  reading: '',
  company: '',
  department: '',
  numbers: [{ label: '会社', digits: '0300000000' }],
  notes: '',
  version: id,
  createdAt: 0,
  updatedAt: 0,
  ...fields,
});

const names = (page: { entries: PhonebookEntry[] }): string[] => page.entries.map((e) => e.name);

describe('PhonebookSearchIndex ranking', () => {
  const index = new PhonebookSearchIndex([
    entry(1, { name: '山田太郎', reading: 'ヤマダタロウ', company: '株式会社山田商店', numbers: [{ label: '会社', digits: '0312345678' }] }),
    entry(2, { name: '小山田花子', reading: 'オヤマダハナコ', company: '東京物産', numbers: [{ label: '携帯', digits: '09012345678' }] }),
    entry(3, { name: '鈴木一郎', reading: 'スズキイチロウ', company: 'やまだ運輸', numbers: [{ label: '会社', digits: '0612345678' }] }),
    entry(4, { name: '佐藤', reading: 'サトウ', company: '山田電機', numbers: [{ label: '会社', digits: '0331234567' }] }),
    entry(5, { name: '高橋', reading: '', company: '', numbers: [{ label: '会社', digits: '0312345' }] }),
  ]);

  it('puts name/reading prefix before company prefix before contains, whatever kana width is typed', () => {
    for (const q of ['やまだ', 'ヤマダ', 'ﾔﾏﾀﾞ']) {
      expect(names(index.search(q, 0, 10))).toEqual(['山田太郎', '鈴木一郎', '小山田花子']);
    }
    // kanji: name prefix (山田太郎), company prefix (佐藤: 山田電機), name contains (小山田花子), company contains
    expect(names(index.search('山田', 0, 10))).toEqual(['山田太郎', '佐藤', '小山田花子']);
  });

  it('ranks an exact number before a prefix before a contained one, hyphens and full width ignored', () => {
    expect(names(index.search('03-1234-5678', 0, 10))).toEqual(['山田太郎']);
    expect(names(index.search('０３１２３４５', 0, 10))).toEqual(['高橋', '山田太郎']);
    // all contain it: reading order (an entry without a reading sorts by its name, after kana)
    expect(names(index.search('1234', 0, 10))).toEqual(['小山田花子', '佐藤', '鈴木一郎', '山田太郎', '高橋']);
    expect(names(index.search('312', 0, 10))).toEqual(['佐藤', '山田太郎', '高橋']);
    // international and bracketed forms are the same digits
    expect(names(index.search('+81 3-1234-5678', 0, 10))).toEqual(['山田太郎']);
    expect(names(index.search('(03)1234-5678', 0, 10))).toEqual(['山田太郎']);
  });

  it('lists everything in reading order for an empty query, with paging and totals', () => {
    const page = index.search('  ', 1, 2);
    expect(page.total).toBe(5);
    expect(names(page)).toEqual(['佐藤', '鈴木一郎']);
  });
});

describe('PhonebookSearchIndex against the plain scan', () => {
  const entries = syntheticEntries(5_000, 7);
  const index = new PhonebookSearchIndex(entries);
  const queries = ['', 'や', 'やま', 'ヤマダ', 'ﾀﾛｳ', '山', '山田', '株式会社', '物産', '0', '03', '090', '1234', '03-55', 'システム', '営業', 'ん', 'zz', '×', 'やまだ たろう', '株式会社さくら', '090-12', '品質保証部'];

  it.each(queries)('returns the same page and total as the scan for %j', (q) => {
    for (const [offset, limit] of [[0, 20], [15, 30]] as const) {
      const fromIndex = index.search(q, offset, limit);
      const fromScan = linearScanSearch(entries, q, offset, limit);
      expect(fromIndex.total).toBe(fromScan.total);
      expect(fromIndex.entries.map((e) => e.id)).toEqual(fromScan.entries.map((e) => e.id));
    }
  });

  it('stays equal to the scan through updates and deletions', () => {
    const live = new Map(entries.map((e) => [e.id, e]));
    const mutable = new PhonebookSearchIndex(entries);
    for (let id = 1; id <= 600; id += 3) {
      const updated = { ...live.get(id)!, name: `山田 更新${id}`, reading: 'ヤマダコウシン', numbers: [{ label: '', digits: `0999${id}` }] };
      mutable.upsert(updated);
      live.set(id, updated);
    }
    for (let id = 2; id <= 3000; id += 2) {
      mutable.remove(id);
      live.delete(id);
    }
    mutable.upsert({ ...entries[0]!, id: 9_999, name: '新規', reading: 'シンキ' });
    live.set(9_999, { ...entries[0]!, id: 9_999, name: '新規', reading: 'シンキ' });
    expect(mutable.size).toBe(live.size);
    for (const q of ['やまだ', '更新', '0999', 'しんき', '']) {
      const fromIndex = mutable.search(q, 0, 50);
      const fromScan = linearScanSearch([...live.values()], q, 0, 50);
      expect(fromIndex.total).toBe(fromScan.total);
      expect(fromIndex.entries.map((e) => e.id)).toEqual(fromScan.entries.map((e) => e.id));
    }
  });
});
