import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HISTORY_MIGRATION } from '../history/history-migration.js';
import { LocalDatabase, localSchemaVersion } from '../storage/local-database.js';
import { LOCAL_MIGRATIONS } from '../storage/local-migrations.js';
import { LocalPhonebookStore } from './local-phonebook-store.js';
import { PHONEBOOK_MIGRATION } from './phonebook-migration.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('local migration v2 (phonebooks)', () => {
  it('is version 2 in the local list', () => {
    expect(PHONEBOOK_MIGRATION.version).toBe(2);
    expect(LOCAL_MIGRATIONS).toContain(PHONEBOOK_MIGRATION);
  });

  it('upgrades a version-1 database file and keeps its history', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plusphone-pb-migration-'));
    dirs.push(dir);
    const path = join(dir, 'phone.sqlite3');
    const v1 = LocalDatabase.open(path, [HISTORY_MIGRATION]);
    v1.db
      .prepare(
        `INSERT INTO call_history (login_id, call_key, direction, remote_number, remote_name, started_at, ended_at, result, end_reason, duration_seconds, charge, seen)
         VALUES ('05030000001', 'k1', 'incoming', '0311112222', '', 1, 2, 'missed', 'cancelled', 0, '{}', 0)`,
      )
      .run();
    expect(localSchemaVersion(v1.db)).toBe(1);
    v1.close();

    const v2 = LocalDatabase.open(path);
    try {
      expect(localSchemaVersion(v2.db)).toBeGreaterThanOrEqual(2);
      expect(v2.db.prepare('SELECT count(*) FROM call_history').pluck().get()).toBe(1);
      const tables = v2.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '%phonebook%' ORDER BY name").pluck().all();
      expect(tables).toEqual(['local_phonebook_entries', 'local_phonebook_numbers', 'web_phonebook_entries', 'web_phonebook_numbers', 'web_phonebook_sync']);
    } finally {
      v2.close();
    }
  });

  it('refuses rows that break the rules, and deleting an entry deletes its numbers', () => {
    const local = LocalDatabase.open();
    try {
      const insert = local.db.prepare(
        `INSERT INTO local_phonebook_entries (login_id, name, reading, company, department, numbers, notes, created_at, updated_at)
         VALUES ('05030000001', ?, '', '', '', ?, '', 0, 0)`,
      );
      expect(() => insert.run('', '[{"label":"","digits":"0311112222"}]')).toThrow(/CHECK/);
      expect(() => insert.run('名前', 'not json')).toThrow(/CHECK|JSON/);
      expect(() => insert.run('名前', '[]')).toThrow(/CHECK/);
      expect(() => insert.run('x'.repeat(101), '[{"label":"","digits":"0311112222"}]')).toThrow(/CHECK/);

      const store = new LocalPhonebookStore(local.db);
      const entry = store.create('05030000001', {
        name: '佐藤',
        reading: '',
        company: '',
        department: '',
        notes: '',
        numbers: [
          { label: '会社', digits: '0311112222' },
          { label: '携帯', digits: '09011112222' },
        ],
      });
      expect(local.db.prepare('SELECT count(*) FROM local_phonebook_numbers').pluck().get()).toBe(2);
      expect(store.remove('05030000001', entry.id)).toBe(true);
      expect(local.db.prepare('SELECT count(*) FROM local_phonebook_numbers').pluck().get()).toBe(0);
    } finally {
      local.close();
    }
  });
});
