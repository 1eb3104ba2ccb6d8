import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, currentVersion, migrate, type Migration } from './migrations.js';
import { openSqliteDatabase } from './sqlite-database.js';

describe('migrations', () => {
  let dir: string;
  let dbPath: string;
  const open: Database.Database[] = [];
  const track = (db: Database.Database): Database.Database => (open.push(db), db);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'plusphone-migrations-'));
    dbPath = join(dir, 'nested', 'server.sqlite');
  });
  afterEach(() => {
    for (const db of open.splice(0)) if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const tableNames = (db: Database.Database): string[] =>
    (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

  it('creates the directory and the whole schema on a new file, with WAL and foreign keys', () => {
    const db = track(openSqliteDatabase(dbPath));
    expect(currentVersion(db)).toBe(MIGRATIONS.length);
    expect(tableNames(db)).toEqual(
      expect.arrayContaining(['tenants', 'ids', 'company_numbers', 'ring_set_members', 'sessions', 'schema_migrations']),
    );
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('is idempotent when the same file is opened again and keeps its data', () => {
    const first = track(openSqliteDatabase(dbPath));
    first.prepare('INSERT INTO tenants (name, created_at) VALUES (?, ?)').run('既存の契約', 1);
    const applied = first.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    first.close();

    const second = track(openSqliteDatabase(dbPath));
    expect(currentVersion(second)).toBe(MIGRATIONS.length);
    expect(second.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all()).toEqual(applied);
    expect(second.prepare('SELECT name FROM tenants').all()).toEqual([{ name: '既存の契約' }]);
    expect(migrate(second)).toEqual({ from: MIGRATIONS.length, to: MIGRATIONS.length });
  });

  it('applies only the newer migrations to an existing file', () => {
    const old = track(openSqliteDatabase(dbPath));
    old.prepare('INSERT INTO tenants (name, created_at) VALUES (?, ?)').run('既存の契約', 1);
    old.close();

    const next: Migration = { version: MIGRATIONS.length + 1, name: 'test: add a column', sql: 'ALTER TABLE tenants ADD COLUMN note TEXT' };
    const db = track(new Database(dbPath));
    expect(migrate(db, [...MIGRATIONS, next])).toEqual({ from: MIGRATIONS.length, to: next.version });
    expect(db.prepare('SELECT name, note FROM tenants').all()).toEqual([{ name: '既存の契約', note: null }]);
  });

  it('rolls a failing migration back completely and leaves the previous version', () => {
    track(openSqliteDatabase(dbPath)).close();
    const broken: Migration = {
      version: MIGRATIONS.length + 1,
      name: 'test: half-broken',
      sql: 'CREATE TABLE half_done (x INTEGER); INSERT INTO no_such_table VALUES (1);',
    };
    const db = track(new Database(dbPath));
    expect(() => migrate(db, [...MIGRATIONS, broken])).toThrow(/no_such_table/);
    expect(currentVersion(db)).toBe(MIGRATIONS.length);
    expect(tableNames(db)).not.toContain('half_done');
  });

  it('refuses a database written by a newer server', () => {
    const db = track(openSqliteDatabase(dbPath));
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(MIGRATIONS.length + 5, 'future', 1);
    db.close();
    expect(() => track(openSqliteDatabase(dbPath))).toThrow(/newer than this server knows/);
  });

  it('rejects migrations that are not numbered 1, 2, 3, …', () => {
    const db = track(new Database(':memory:'));
    expect(() => migrate(db, [{ version: 2, name: 'gap', sql: '' }])).toThrow(/must have version 1/);
  });
});
