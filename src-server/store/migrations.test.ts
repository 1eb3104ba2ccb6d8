import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, currentVersion, latestVersion, migrate, type Migration } from './migrations.js';
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
    expect(currentVersion(db)).toBe(latestVersion());
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
    expect(currentVersion(second)).toBe(latestVersion());
    expect(second.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all()).toEqual(applied);
    expect(second.prepare('SELECT name FROM tenants').all()).toEqual([{ name: '既存の契約' }]);
    expect(migrate(second)).toEqual({ from: latestVersion(), to: latestVersion() });
  });

  it('applies only the newer migrations to an existing file', () => {
    const old = track(openSqliteDatabase(dbPath));
    old.prepare('INSERT INTO tenants (name, created_at) VALUES (?, ?)').run('既存の契約', 1);
    old.close();

    const next: Migration = { version: latestVersion() + 1, name: 'test: add a column', sql: 'ALTER TABLE tenants ADD COLUMN note TEXT' };
    const db = track(new Database(dbPath));
    expect(migrate(db, [...MIGRATIONS, next])).toEqual({ from: latestVersion(), to: next.version });
    expect(db.prepare('SELECT name, note FROM tenants').all()).toEqual([{ name: '既存の契約', note: null }]);
  });

  it('rolls a failing migration back completely and leaves the previous version', () => {
    track(openSqliteDatabase(dbPath)).close();
    const broken: Migration = {
      version: latestVersion() + 1,
      name: 'test: half-broken',
      sql: 'CREATE TABLE half_done (x INTEGER); INSERT INTO no_such_table VALUES (1);',
    };
    const db = track(new Database(dbPath));
    expect(() => migrate(db, [...MIGRATIONS, broken])).toThrow(/no_such_table/);
    expect(currentVersion(db)).toBe(latestVersion());
    expect(tableNames(db)).not.toContain('half_done');
  });

  it('refuses a database written by a newer server', () => {
    const db = track(openSqliteDatabase(dbPath));
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(latestVersion() + 5, 'future', 1);
    db.close();
    expect(() => track(openSqliteDatabase(dbPath))).toThrow(/newer than this server knows/);
  });

  it('rejects duplicate or non-positive versions', () => {
    const db = track(new Database(':memory:'));
    expect(() => migrate(db, [{ version: 1, name: 'a', sql: '' }, { version: 1, name: 'b', sql: '' }])).toThrow(/used twice/);
    expect(() => migrate(db, [{ version: 0, name: 'zero', sql: '' }])).toThrow(/positive integer/);
  });

  it('applies a list appended out of order in version order, and a version that lands late', () => {
    const db = track(new Database(':memory:'));
    const created = (version: number): Migration => ({ version, name: `v${version}`, sql: `CREATE TABLE t${version} (x INTEGER)` });
    expect(migrate(db, [created(1), created(3)])).toEqual({ from: 0, to: 3 });
    // v2 merged after v3 was already applied somewhere: it is still applied, once.
    expect(migrate(db, [created(1), created(3), created(2)])).toEqual({ from: 3, to: 3 });
    expect(tableNames(db)).toEqual(expect.arrayContaining(['t1', 't2', 't3']));
    expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual([1, 2, 3]);
  });
});
