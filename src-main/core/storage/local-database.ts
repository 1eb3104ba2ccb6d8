import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { LOCAL_MIGRATIONS, type LocalMigration } from './local-migrations.js';

/** The file name inside the host's data directory (PhoneServiceOptions.dataDir). */
export const LOCAL_DATABASE_FILE = 'plusphone.sqlite3';

/**
 * The softphone's own SQLite database (history now; phonebook and settings later).
 *
 * Crash safety (DESIGN.md §7), at any point:
 * - journal_mode=WAL + synchronous=FULL: a commit returns only after its frames are fsynced to
 *   the WAL. A crash (process kill or power loss) before that leaves frames without a commit
 *   record, which SQLite ignores when the file is next opened; after it, the data is durable.
 *   The main file is only written by checkpoints, which copy committed frames and are
 *   themselves restartable, so it is never seen half-written.
 * - Every write is one transaction: a migration together with its schema_migrations row, and a
 *   history entry as a single INSERT. A crash leaves the previous state, never half of one.
 * - A call still in progress at the moment of the crash has no final state and is not recorded.
 *
 * Without a path (tests, callers that do not give one) the database lives in memory.
 */
export class LocalDatabase {
  readonly db: Database.Database;
  readonly path: string;

  private constructor(db: Database.Database, path: string) {
    this.db = db;
    this.path = path;
  }

  static open(path: string = ':memory:', migrations: readonly LocalMigration[] = LOCAL_MIGRATIONS): LocalDatabase {
    // history holds who called whom: a new directory is private to this user
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const db = new Database(path);
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      migrateLocal(db, migrations);
      return new LocalDatabase(db, path);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /** `databasePath` wins; else `<dataDir>/plusphone.sqlite3`; else in memory. */
  static resolvePath(options: { databasePath?: string | undefined; dataDir?: string | undefined }): string {
    if (options.databasePath) return options.databasePath;
    if (options.dataDir) return join(options.dataDir, LOCAL_DATABASE_FILE);
    return ':memory:';
  }

  get isOpen(): boolean {
    return this.db.open;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/**
 * Applies every migration not yet recorded in schema_migrations, ascending, each in its own
 * IMMEDIATE transaction together with its version row. Idempotent: reopening changes nothing.
 * A database from a newer build (versions this build does not know) is refused, not guessed at.
 */
export function migrateLocal(db: Database.Database, migrations: readonly LocalMigration[] = LOCAL_MIGRATIONS): { from: number; to: number } {
  const ordered = sorted(migrations);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version     INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL,
    applied_at  INTEGER NOT NULL
  ) STRICT`);
  const from = localSchemaVersion(db);
  const known = new Set(ordered.map((m) => m.version));
  const applied = db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[];
  const unknown = applied.filter((version) => !known.has(version));
  if (unknown.length > 0) {
    throw new Error(`local database schema version ${Math.max(...unknown)} is newer than this softphone knows; refusing to open it`);
  }
  const isApplied = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').pluck();
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const migration of ordered) {
    if (isApplied.get(migration.version) !== undefined) continue;
    db.transaction(() => {
      // re-read under the write lock: another process on the same file may have migrated
      if (isApplied.get(migration.version) !== undefined) return;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, Date.now());
    }).immediate();
  }
  return { from, to: localSchemaVersion(db) };
}

export function localSchemaVersion(db: Database.Database): number {
  const row = db.prepare('SELECT max(version) AS version FROM schema_migrations').get() as { version: number | null };
  return row.version ?? 0;
}

function sorted(migrations: readonly LocalMigration[]): LocalMigration[] {
  const seen = new Set<number>();
  for (const m of migrations) {
    if (!Number.isInteger(m.version) || m.version < 1) throw new Error(`migration ${m.name} must have a positive integer version`);
    if (seen.has(m.version)) throw new Error(`migration version ${m.version} is used twice`);
    seen.add(m.version);
  }
  return [...migrations].sort((a, b) => a.version - b.version);
}
