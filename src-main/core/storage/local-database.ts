import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { applySchemaMigrations, schemaVersion } from '../../../src-shared/storage/schema-migrations.js';
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

/** Brings the local database up to date (see applySchemaMigrations for the rules). */
export function migrateLocal(db: Database.Database, migrations: readonly LocalMigration[] = LOCAL_MIGRATIONS): { from: number; to: number } {
  return applySchemaMigrations(db, migrations, {
    owner: 'this softphone',
    writeTransaction: (work) => db.transaction(work).immediate(),
  });
}

export function localSchemaVersion(db: Database.Database): number {
  return schemaVersion(db);
}
