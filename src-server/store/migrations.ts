import type Database from 'better-sqlite3';
import {
  applySchemaMigrations,
  latestSchemaVersion,
  schemaVersion,
  type SchemaMigration,
} from '../../src-shared/storage/schema-migrations.js';
import { CUSTOMER_PAGE_MIGRATION } from './customer-page-migration.js';
import { CALL_LOG_MIGRATION } from '../call-log/call-log-migration.js';
import { PHONEBOOK_MIGRATION } from '../phonebook/phonebook-migration.js';
import { IVR_MENU_MIGRATION } from './ivr-menu-migration.js';
import { PARK_SETTINGS_MIGRATION } from './park-settings-migration.js';

/**
 * The schema, as an append-only list. A migration is never edited once released: later issues
 * add entries. Each runs in its own transaction together with its row in schema_migrations, so
 * a crash leaves the database at the previous version, never half-way.
 */
export type Migration = SchemaMigration;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'tenants, ids, company numbers, ring sets, sessions',
    sql: `
      CREATE TABLE tenants (
        id          INTEGER PRIMARY KEY,
        name        TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 128),
        created_at  INTEGER NOT NULL
      ) STRICT;

      -- One row per ID (基本ID / 追加ID): a terminal seat with its own direct number and extension.
      -- The tenant's main number (主番号) is the direct number of its one basic ID.
      CREATE TABLE ids (
        id                     INTEGER PRIMARY KEY,
        tenant_id              INTEGER NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        kind                   TEXT    NOT NULL CHECK (kind IN ('basic', 'additional')),
        device_kind            TEXT    NOT NULL CHECK (device_kind IN ('softphone', 'ipPhone', 'adapter', 'smartphoneApp')),
        direct_number          TEXT    NOT NULL UNIQUE CHECK (direct_number GLOB '0[0-9]*' AND direct_number NOT GLOB '*[^0-9]*' AND length(direct_number) BETWEEN 10 AND 11),
        extension              TEXT    NOT NULL CHECK (extension GLOB '[1-9]*' AND extension NOT GLOB '*[^0-9]*' AND length(extension) BETWEEN 2 AND 6),
        display_name           TEXT    NOT NULL CHECK (length(display_name) BETWEEN 1 AND 64),
        -- scrypt, self-describing: $scrypt$ln=15,r=8,p=1$<salt b64>$<key b64>
        password_hash          TEXT    NOT NULL,
        -- the SIP digest secret; random, distinct from the login password
        sip_secret             TEXT    NOT NULL,
        default_caller_number  TEXT    NOT NULL CHECK (default_caller_number NOT GLOB '*[^0-9]*'),
        created_at             INTEGER NOT NULL,
        UNIQUE (tenant_id, extension)
      ) STRICT;
      CREATE UNIQUE INDEX ids_one_basic_per_tenant ON ids (tenant_id) WHERE kind = 'basic';

      -- 契約番号 (exactly one per tenant) and 追加番号.
      CREATE TABLE company_numbers (
        id          INTEGER PRIMARY KEY,
        tenant_id   INTEGER NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        number      TEXT    NOT NULL UNIQUE CHECK (number GLOB '0[0-9]*' AND number NOT GLOB '*[^0-9]*' AND length(number) BETWEEN 10 AND 11),
        kind        TEXT    NOT NULL CHECK (kind IN ('contract', 'additional')),
        label       TEXT    NOT NULL DEFAULT '' CHECK (length(label) <= 64),
        created_at  INTEGER NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX company_numbers_one_contract_per_tenant ON company_numbers (tenant_id) WHERE kind = 'contract';
      CREATE INDEX company_numbers_by_tenant ON company_numbers (tenant_id);

      -- 鳴り分け: which IDs ring, all at once, for a company number.
      CREATE TABLE ring_set_members (
        company_number_id  INTEGER NOT NULL REFERENCES company_numbers(id) ON DELETE CASCADE,
        id_id              INTEGER NOT NULL REFERENCES ids(id) ON DELETE CASCADE,
        PRIMARY KEY (company_number_id, id_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX ring_set_members_by_id ON ring_set_members (id_id);

      -- Bearer sessions. Only the SHA-256 of the token is kept.
      CREATE TABLE sessions (
        token_hash  BLOB    PRIMARY KEY,
        id_id       INTEGER NOT NULL REFERENCES ids(id) ON DELETE CASCADE,
        purpose     TEXT    NOT NULL CHECK (purpose IN ('softphone', 'customerPage')),
        created_at  INTEGER NOT NULL,
        expires_at  INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX sessions_by_expiry ON sessions (expires_at);
      CREATE INDEX sessions_by_id ON sessions (id_id);

      -- A number belongs to one place only: a direct number is never also a company number.
      CREATE TRIGGER ids_direct_number_not_company_number_insert
        BEFORE INSERT ON ids
        WHEN EXISTS (SELECT 1 FROM company_numbers WHERE number = NEW.direct_number)
        BEGIN SELECT RAISE(ABORT, 'direct number is already a company number'); END;
      CREATE TRIGGER ids_direct_number_not_company_number_update
        BEFORE UPDATE OF direct_number ON ids
        WHEN EXISTS (SELECT 1 FROM company_numbers WHERE number = NEW.direct_number)
        BEGIN SELECT RAISE(ABORT, 'direct number is already a company number'); END;
      CREATE TRIGGER company_number_not_direct_number_insert
        BEFORE INSERT ON company_numbers
        WHEN EXISTS (SELECT 1 FROM ids WHERE direct_number = NEW.number)
        BEGIN SELECT RAISE(ABORT, 'company number is already a direct number'); END;
      CREATE TRIGGER company_number_not_direct_number_update
        BEFORE UPDATE OF number ON company_numbers
        WHEN EXISTS (SELECT 1 FROM ids WHERE direct_number = NEW.number)
        BEGIN SELECT RAISE(ABORT, 'company number is already a direct number'); END;

      -- A ring set never reaches into another tenant.
      CREATE TRIGGER ring_set_members_same_tenant
        BEFORE INSERT ON ring_set_members
        WHEN (SELECT tenant_id FROM company_numbers WHERE id = NEW.company_number_id)
             IS NOT (SELECT tenant_id FROM ids WHERE id = NEW.id_id)
        BEGIN SELECT RAISE(ABORT, 'ring set member belongs to another tenant'); END;
    `,
  },
  CUSTOMER_PAGE_MIGRATION,
  CALL_LOG_MIGRATION,
  PHONEBOOK_MIGRATION,
  PARK_SETTINGS_MIGRATION,
  IVR_MENU_MIGRATION,
];

/** Brings the server's database up to date (see applySchemaMigrations for the rules). */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): { from: number; to: number } {
  return applySchemaMigrations(db, migrations, {
    owner: 'this server',
    writeTransaction: (work) => db.transaction(work).immediate(),
  });
}

export function currentVersion(db: Database.Database): number {
  return schemaVersion(db);
}

/** The highest version the given list defines (what a fully migrated database reports). */
export function latestVersion(migrations: readonly Migration[] = MIGRATIONS): number {
  return latestSchemaVersion(migrations);
}
