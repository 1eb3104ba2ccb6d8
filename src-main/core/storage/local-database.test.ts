import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCAL_MIGRATIONS } from './local-migrations.js';
import { LOCAL_DATABASE_FILE, LocalDatabase, localSchemaVersion, migrateLocal } from './local-database.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'plusphone-localdb-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const latest = Math.max(...LOCAL_MIGRATIONS.map((m) => m.version));

describe('LocalDatabase', () => {
  it('opens a file in WAL with synchronous=FULL and foreign keys, migrated to the latest version', () => {
    const path = join(tempDir(), 'nested', 'phone.sqlite3');
    const local = LocalDatabase.open(path);
    try {
      expect(local.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(local.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
      expect(local.db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(localSchemaVersion(local.db)).toBe(latest);
    } finally {
      local.close();
    }
  });

  it('reopening is idempotent: nothing is applied twice and data stays', () => {
    const path = join(tempDir(), 'phone.sqlite3');
    const first = LocalDatabase.open(path);
    first.db.exec("CREATE TABLE keep (v TEXT) STRICT; INSERT INTO keep VALUES ('x')");
    const appliedAt = first.db.prepare('SELECT version, applied_at FROM schema_migrations ORDER BY version').all();
    first.close();

    const second = LocalDatabase.open(path);
    try {
      expect(second.db.prepare('SELECT version, applied_at FROM schema_migrations ORDER BY version').all()).toEqual(appliedAt);
      expect(migrateLocal(second.db)).toEqual({ from: latest, to: latest });
      expect(second.db.prepare('SELECT v FROM keep').pluck().all()).toEqual(['x']);
    } finally {
      second.close();
    }
  });

  it('a failing migration leaves the previous version (each runs in its own transaction)', () => {
    const local = LocalDatabase.open();
    try {
      const broken = { version: latest + 1, name: 'broken', sql: 'CREATE TABLE half (a INTEGER); SELECT no_such_function();' };
      expect(() => migrateLocal(local.db, [...LOCAL_MIGRATIONS, broken])).toThrow();
      expect(localSchemaVersion(local.db)).toBe(latest);
      expect(local.db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    } finally {
      local.close();
    }
  });

  it('refuses a database written by a newer build', () => {
    const path = join(tempDir(), 'phone.sqlite3');
    const newer = LocalDatabase.open(path, [...LOCAL_MIGRATIONS, { version: latest + 1, name: 'future', sql: 'SELECT 1' }]);
    newer.close();
    expect(() => LocalDatabase.open(path)).toThrow(/newer/);
  });

  it('resolves the path from databasePath, then dataDir, else memory', () => {
    expect(LocalDatabase.resolvePath({ databasePath: '/a/b.db', dataDir: '/c' })).toBe('/a/b.db');
    expect(LocalDatabase.resolvePath({ dataDir: '/c' })).toBe(join('/c', LOCAL_DATABASE_FILE));
    expect(LocalDatabase.resolvePath({})).toBe(':memory:');
  });
});
