import type { Migration } from './migrations.js';

/**
 * v6: voice menus (自動音声応答) of company numbers. A number has at most one menu; each option
 * (a key sequence) rings its own set of the tenant's IDs. Removing a number removes its menu,
 * removing an ID removes it from every option (ON DELETE CASCADE), like ring sets.
 */
export const IVR_MENU_MIGRATION: Migration = {
  version: 6,
  name: 'IVR menus of company numbers',
  sql: `
    CREATE TABLE ivr_menus (
      company_number_id  INTEGER PRIMARY KEY REFERENCES company_numbers(id) ON DELETE CASCADE,
      prompt             TEXT    NOT NULL CHECK (length(prompt) BETWEEN 1 AND 64),
      timeout_seconds    INTEGER NOT NULL CHECK (timeout_seconds BETWEEN 1 AND 30),
      repeats            INTEGER NOT NULL CHECK (repeats BETWEEN 0 AND 3),
      on_no_choice       TEXT    NOT NULL CHECK (on_no_choice IN ('ringSet', 'hangUp'))
    ) STRICT;

    CREATE TABLE ivr_menu_options (
      company_number_id  INTEGER NOT NULL REFERENCES ivr_menus(company_number_id) ON DELETE CASCADE,
      digits             TEXT    NOT NULL CHECK (length(digits) BETWEEN 1 AND 4 AND digits NOT GLOB '*[^0-9*#]*'),
      label              TEXT    NOT NULL DEFAULT '' CHECK (length(label) <= 32),
      PRIMARY KEY (company_number_id, digits)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE ivr_option_members (
      company_number_id  INTEGER NOT NULL,
      digits             TEXT    NOT NULL,
      id_id              INTEGER NOT NULL REFERENCES ids(id) ON DELETE CASCADE,
      PRIMARY KEY (company_number_id, digits, id_id),
      FOREIGN KEY (company_number_id, digits) REFERENCES ivr_menu_options(company_number_id, digits) ON DELETE CASCADE
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX ivr_option_members_by_id ON ivr_option_members (id_id);

    -- A menu never rings another tenant's IDs.
    CREATE TRIGGER ivr_option_members_same_tenant
      BEFORE INSERT ON ivr_option_members
      WHEN (SELECT tenant_id FROM company_numbers WHERE id = NEW.company_number_id)
           IS NOT (SELECT tenant_id FROM ids WHERE id = NEW.id_id)
      BEGIN SELECT RAISE(ABORT, 'IVR option member belongs to another tenant'); END;
    CREATE TRIGGER ivr_option_members_same_tenant_update
      BEFORE UPDATE ON ivr_option_members
      WHEN (SELECT tenant_id FROM company_numbers WHERE id = NEW.company_number_id)
           IS NOT (SELECT tenant_id FROM ids WHERE id = NEW.id_id)
      BEGIN SELECT RAISE(ABORT, 'IVR option member belongs to another tenant'); END;
  `,
};
