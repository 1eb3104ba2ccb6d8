import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrations.js';

/**
 * Opens (creating if needed) the server database with the settings every connection needs,
 * then brings its schema up to date.
 */
export function openSqliteDatabase(dbPath: string): Database.Database {
  // The file holds SIP digest secrets: a new directory is private to this user.
  if (dbPath !== ':memory:') mkdirSync(dirname(dbPath), { recursive: true, mode: 0o700 });
  const db = new Database(dbPath);
  try {
    // WAL: readers never block the writer, and a crash never corrupts committed data.
    db.pragma('journal_mode = WAL');
    // FULL: a commit survives power loss too (DESIGN.md §7, no data lost); writes are rare here.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
