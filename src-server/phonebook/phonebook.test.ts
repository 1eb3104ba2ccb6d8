import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteDatabase } from '../store/sqlite-database.js';
import type { PhonebookEntryFields } from '../../src-shared/phonebook/phonebook-entry.js';
import { Phonebook } from './phonebook.js';
import { PhonebookStore } from './phonebook-store.js';

const fields = (name: string, reading = '', digits = '0312345678'): PhonebookEntryFields => ({
  name,
  reading,
  company: '',
  department: '',
  numbers: [{ label: '会社', digits }],
  notes: '',
});

describe('Phonebook (SQLite + search index)', () => {
  let db: Database.Database;
  let tenantA: number;
  let tenantB: number;
  let phonebook: Phonebook;

  beforeEach(() => {
    db = openSqliteDatabase(':memory:');
    const insert = db.prepare('INSERT INTO tenants (name, created_at) VALUES (?, 0)');
    tenantA = Number(insert.run('A社').lastInsertRowid);
    tenantB = Number(insert.run('B社').lastInsertRowid);
    phonebook = new Phonebook(db);
  });
  afterEach(() => db.close());

  it('stamps every insert, update and delete with the next version of its tenant', () => {
    const yamada = phonebook.add(tenantA, fields('山田', 'ヤマダ'));
    const suzuki = phonebook.add(tenantA, fields('鈴木', 'スズキ'));
    const other = phonebook.add(tenantB, fields('佐藤', 'サトウ'));
    expect([yamada, suzuki, other].map((r) => r.ok && r.value.version)).toEqual([1, 2, 1]);
    const updated = phonebook.update(tenantA, suzuki.ok ? suzuki.value.id : 0, fields('鈴木一郎', 'スズキイチロウ'));
    expect(updated?.version).toBe(3);
    expect(phonebook.remove(tenantA, yamada.ok ? yamada.value.id : 0)).toBe(true);

    const changes = phonebook.changesSince(tenantA, 0, 100);
    expect(changes).toMatchObject({ version: 4, more: false, reset: false, deletions: [yamada.ok && yamada.value.id] });
    expect(changes.upserts.map((e) => [e.name, e.version])).toEqual([['鈴木一郎', 3]]);
    expect(phonebook.changesSince(tenantA, 3, 100)).toMatchObject({ version: 4, upserts: [], deletions: [yamada.ok && yamada.value.id] });
    expect(phonebook.changesSince(tenantA, 4, 100)).toMatchObject({ version: 4, upserts: [], deletions: [], more: false });
    // the other tenant's counter and changes are its own
    expect(phonebook.changesSince(tenantB, 0, 100).upserts.map((e) => e.name)).toEqual(['佐藤']);
  });

  it('pages changes in version order with a `more` flag until the client is current', () => {
    const ids = Array.from({ length: 7 }, (_, i) => {
      const added = phonebook.add(tenantA, fields(`名前${i}`));
      if (!added.ok) throw new Error('add failed');
      return added.value.id;
    });
    phonebook.remove(tenantA, ids[1]!);
    phonebook.remove(tenantA, ids[4]!);
    phonebook.update(tenantA, ids[0]!, fields('名前0 更新'));

    const seenUpserts: string[] = [];
    const seenDeletions: number[] = [];
    let since = 0;
    let pages = 0;
    for (;;) {
      const page = phonebook.changesSince(tenantA, since, 3);
      pages += 1;
      seenUpserts.push(...page.upserts.map((e) => e.name));
      seenDeletions.push(...page.deletions);
      expect(page.version).toBeGreaterThan(since);
      since = page.version;
      if (!page.more) break;
    }
    expect(since).toBe(10);
    expect(pages).toBe(3);
    expect(seenUpserts.sort()).toEqual(['名前0 更新', '名前2', '名前3', '名前5', '名前6']);
    expect(seenDeletions.sort()).toEqual([ids[1], ids[4]].sort());
  });

  it('tells a softphone from the future to start over', () => {
    phonebook.add(tenantA, fields('山田'));
    expect(phonebook.changesSince(tenantA, 99, 10)).toMatchObject({ reset: true, version: 1, more: false });
  });

  it('never lets one tenant see, change or delete another tenant\'s entry', () => {
    const added = phonebook.add(tenantA, fields('山田', 'ヤマダ'));
    if (!added.ok) throw new Error('add failed');
    const { id } = added.value;
    expect(phonebook.find(tenantB, id)).toBeUndefined();
    expect(phonebook.update(tenantB, id, fields('乗っ取り'))).toBeUndefined();
    expect(phonebook.remove(tenantB, id)).toBe(false);
    expect(phonebook.search(tenantB, 'やまだ', 0, 10).total).toBe(0);
    expect(phonebook.find(tenantA, id)?.name).toBe('山田');
    expect(phonebook.changesSince(tenantB, 0, 10)).toMatchObject({ upserts: [], deletions: [], version: 0 });
  });

  it('keeps the search index in step with every write', () => {
    const added = phonebook.add(tenantA, fields('山田', 'ヤマダ', '0355550000'));
    if (!added.ok) throw new Error('add failed');
    expect(phonebook.search(tenantA, 'ﾔﾏﾀﾞ', 0, 10).entries.map((e) => e.id)).toEqual([added.value.id]);
    phonebook.update(tenantA, added.value.id, fields('鈴木', 'スズキ', '0355551111'));
    expect(phonebook.search(tenantA, 'やまだ', 0, 10).total).toBe(0);
    expect(phonebook.search(tenantA, '5555-1111', 0, 10).total).toBe(1);
    phonebook.remove(tenantA, added.value.id);
    expect(phonebook.search(tenantA, 'すずき', 0, 10).total).toBe(0);
    // a second service over the same database builds its index from SQLite and agrees
    phonebook.add(tenantA, fields('高橋', 'タカハシ'));
    expect(new Phonebook(db).search(tenantA, 'たかはし', 0, 10).total).toBe(1);
  });

  it('imports all or nothing: a failure part-way leaves the phonebook as it was', () => {
    phonebook.add(tenantA, fields('既存', 'キゾン'));
    const store = new PhonebookStore(db);
    // The second entry breaks a CHECK constraint (rules are bypassed on purpose here).
    expect(() => store.import(tenantA, [fields('新規1'), fields(''), fields('新規3')], 'replace')).toThrow(/CHECK/);
    expect(store.all(tenantA).map((e) => e.name)).toEqual(['既存']);
    expect(store.currentVersion(tenantA)).toBe(1);
    expect(db.prepare('SELECT count(*) AS n FROM phonebook_tombstones').get()).toEqual({ n: 0 });
  });

  it('replaces: tombstones for every old entry, then the new ones, in one version run', () => {
    const old = phonebook.add(tenantA, fields('旧', 'キュウ'));
    const result = phonebook.import(tenantA, [fields('新1', 'シン'), fields('新2', 'シン')], 'replace');
    expect(result).toEqual({ ok: true, value: { added: 2, deleted: 1, version: 4 } });
    expect(phonebook.search(tenantA, '', 0, 10).entries.map((e) => e.name)).toEqual(['新1', '新2']);
    expect(phonebook.changesSince(tenantA, 1, 10)).toMatchObject({ deletions: [old.ok && old.value.id], version: 4 });
  });
});
