/**
 * The one schema-migration runner of the server's store and the softphone's local store. It
 * knows SQL but no driver: each store passes its connection and how it opens a write transaction.
 *
 * Every migration not yet recorded in schema_migrations is applied, ascending, each in its own
 * IMMEDIATE transaction together with its version row, so a crash leaves the previous version,
 * never half of one. "Not yet recorded" rather than "newer than the highest" lets a version that
 * lands late still be applied. A database from a newer build is refused, not guessed at.
 */
export interface SchemaMigration {
  version: number;
  name: string;
  sql: string;
}

export interface MigrationStatement {
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): unknown;
}

export interface MigratableDatabase {
  exec(sql: string): unknown;
  prepare(sql: string): MigrationStatement;
}

export interface MigrationOptions {
  /** runs `work` in an IMMEDIATE (write-locked) transaction */
  writeTransaction(work: () => void): void;
  /** who refuses a newer database, for the error message: "this server", "this softphone" */
  owner: string;
  now?: () => number;
}

export function applySchemaMigrations(
  db: MigratableDatabase,
  migrations: readonly SchemaMigration[],
  options: MigrationOptions,
): { from: number; to: number } {
  const ordered = sortedMigrations(migrations);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version     INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL,
    applied_at  INTEGER NOT NULL
  ) STRICT`);
  const from = schemaVersion(db);
  const known = new Set(ordered.map((migration) => migration.version));
  const applied = (db.prepare('SELECT version FROM schema_migrations').all() as Array<{ version: number }>).map((row) => row.version);
  const unknown = applied.filter((version) => !known.has(version));
  if (unknown.length > 0) {
    throw new Error(
      `database schema version ${Math.max(...unknown)} is newer than ${options.owner} knows (${ordered.at(-1)?.version ?? 0}); refusing to open it`,
    );
  }
  const isApplied = db.prepare('SELECT 1 AS applied FROM schema_migrations WHERE version = ?');
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const now = options.now ?? Date.now;
  for (const migration of ordered) {
    if (isApplied.get(migration.version) !== undefined) continue;
    options.writeTransaction(() => {
      // re-read under the write lock: another process on the same file may have migrated
      if (isApplied.get(migration.version) !== undefined) return;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, now());
    });
  }
  return { from, to: schemaVersion(db) };
}

export function schemaVersion(db: MigratableDatabase): number {
  const row = db.prepare('SELECT max(version) AS version FROM schema_migrations').get() as { version: number | null } | undefined;
  return row?.version ?? 0;
}

/** The highest version a list defines (what a fully migrated database reports). */
export function latestSchemaVersion(migrations: readonly SchemaMigration[]): number {
  return Math.max(0, ...migrations.map((migration) => migration.version));
}

function sortedMigrations(migrations: readonly SchemaMigration[]): SchemaMigration[] {
  const seen = new Set<number>();
  for (const migration of migrations) {
    if (!Number.isInteger(migration.version) || migration.version < 1) {
      throw new Error(`migration ${migration.name} must have a positive integer version`);
    }
    if (seen.has(migration.version)) throw new Error(`migration version ${migration.version} is used twice`);
    seen.add(migration.version);
  }
  return [...migrations].sort((a, b) => a.version - b.version);
}
