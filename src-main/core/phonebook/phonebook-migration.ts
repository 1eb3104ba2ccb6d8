import type { LocalMigration } from '../storage/local-migrations.js';

/**
 * Version 2 of the local database: the local phonebook and the cache of the Web電話帳, both per
 * account (login ID) like the history, so two users of one PC never see each other's entries.
 * Numbers are kept twice: as JSON on the entry (what is shown) and one row per number (what
 * caller lookup finds through an index, without loading the search index).
 */
export const PHONEBOOK_MIGRATION: LocalMigration = {
  version: 2,
  name: 'local phonebook and web phonebook cache',
  sql: `
    CREATE TABLE local_phonebook_entries (
      id          INTEGER PRIMARY KEY,
      login_id    TEXT    NOT NULL CHECK (length(login_id) BETWEEN 1 AND 64),
      name        TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
      reading     TEXT    NOT NULL CHECK (length(reading) <= 100),
      company     TEXT    NOT NULL CHECK (length(company) <= 100),
      department  TEXT    NOT NULL CHECK (length(department) <= 100),
      -- [{label, digits}], 1 to 3 of them
      numbers     TEXT    NOT NULL CHECK (json_valid(numbers) AND json_array_length(numbers) BETWEEN 1 AND 3),
      notes       TEXT    NOT NULL CHECK (length(notes) <= 1000),
      created_at  INTEGER NOT NULL,
      updated_at  INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX local_phonebook_by_account ON local_phonebook_entries (login_id, id);
    CREATE TABLE local_phonebook_numbers (
      entry_id    INTEGER NOT NULL REFERENCES local_phonebook_entries (id) ON DELETE CASCADE,
      position    INTEGER NOT NULL,
      login_id    TEXT    NOT NULL,
      digits      TEXT    NOT NULL CHECK (length(digits) BETWEEN 1 AND 20),
      label       TEXT    NOT NULL,
      PRIMARY KEY (entry_id, position)
    ) STRICT;
    CREATE INDEX local_phonebook_numbers_by_digits ON local_phonebook_numbers (login_id, digits);

    -- the server's entries as last synced; ids are the server's
    CREATE TABLE web_phonebook_entries (
      login_id    TEXT    NOT NULL CHECK (length(login_id) BETWEEN 1 AND 64),
      id          INTEGER NOT NULL,
      name        TEXT    NOT NULL,
      reading     TEXT    NOT NULL,
      company     TEXT    NOT NULL,
      department  TEXT    NOT NULL,
      numbers     TEXT    NOT NULL CHECK (json_valid(numbers)),
      notes       TEXT    NOT NULL,
      version     INTEGER NOT NULL,
      updated_at  INTEGER NOT NULL,
      PRIMARY KEY (login_id, id)
    ) STRICT;
    CREATE TABLE web_phonebook_numbers (
      login_id    TEXT    NOT NULL,
      entry_id    INTEGER NOT NULL,
      position    INTEGER NOT NULL,
      digits      TEXT    NOT NULL,
      label       TEXT    NOT NULL,
      PRIMARY KEY (login_id, entry_id, position),
      FOREIGN KEY (login_id, entry_id) REFERENCES web_phonebook_entries (login_id, id) ON DELETE CASCADE
    ) STRICT;
    CREATE INDEX web_phonebook_numbers_by_digits ON web_phonebook_numbers (login_id, digits);
    -- how far the cache is: the server's change version, and which server it came from
    CREATE TABLE web_phonebook_sync (
      login_id    TEXT    PRIMARY KEY,
      server_url  TEXT    NOT NULL,
      version     INTEGER NOT NULL CHECK (version >= 0),
      synced_at   INTEGER NOT NULL
    ) STRICT;
  `,
};
