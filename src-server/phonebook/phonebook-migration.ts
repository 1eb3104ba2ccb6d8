import type { Migration } from '../store/migrations.js';

/**
 * v3: the Web電話帳.
 * - `phonebook_entries`: one row per entry. Its numbers (1–3, label + digits) are a JSON array
 *   in the row: they are always read and written with the entry and never queried by SQL (search
 *   runs on the in-memory index), so a child table would only add joins.
 * - AUTOINCREMENT: an entry id is never reused, so a softphone never confuses a new entry with a
 *   deleted one it still has a tombstone for.
 * - `phonebook_versions`: the tenant's change counter. Every insert, update and delete takes the
 *   next value, in the same transaction as the change, and stamps it on the row or tombstone;
 *   "changes since N" is then two indexed range reads.
 * - `phonebook_tombstones`: deletions, kept so softphones that sync later still learn of them.
 */
export const PHONEBOOK_MIGRATION: Migration = {
  version: 3,
  name: 'web phonebook: entries, per-tenant change versions, tombstones',
  sql: `
    CREATE TABLE phonebook_entries (
      id          INTEGER PRIMARY KEY AUTOINCREMENT,
      tenant_id   INTEGER NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      name        TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
      reading     TEXT    NOT NULL DEFAULT '' CHECK (length(reading) <= 100),
      company     TEXT    NOT NULL DEFAULT '' CHECK (length(company) <= 100),
      department  TEXT    NOT NULL DEFAULT '' CHECK (length(department) <= 100),
      numbers     TEXT    NOT NULL CHECK (json_valid(numbers) AND json_array_length(numbers) BETWEEN 1 AND 3),
      notes       TEXT    NOT NULL DEFAULT '' CHECK (length(notes) <= 1000),
      version     INTEGER NOT NULL CHECK (version >= 1),
      created_at  INTEGER NOT NULL,
      updated_at  INTEGER NOT NULL
    ) STRICT;
    CREATE UNIQUE INDEX phonebook_entries_by_version ON phonebook_entries (tenant_id, version);

    CREATE TABLE phonebook_tombstones (
      tenant_id   INTEGER NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      entry_id    INTEGER NOT NULL,
      version     INTEGER NOT NULL CHECK (version >= 1),
      deleted_at  INTEGER NOT NULL,
      PRIMARY KEY (tenant_id, entry_id)
    ) STRICT, WITHOUT ROWID;
    CREATE UNIQUE INDEX phonebook_tombstones_by_version ON phonebook_tombstones (tenant_id, version);

    CREATE TABLE phonebook_versions (
      tenant_id  INTEGER PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
      version    INTEGER NOT NULL CHECK (version >= 0)
    ) STRICT;
  `,
};
