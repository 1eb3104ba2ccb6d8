import type { Migration } from '../store/migrations.js';

/**
 * v4: the call log (CDR), and the per-tenant settings the softphone reads besides its config:
 * CRM / number-search link templates and park-slot names.
 *
 * - `call_log`: one row per call, written once when the PBX reports the call ended
 *   (`pbx_call_id` UNIQUE makes "once" hold even if a report were repeated). Who took part is
 *   kept as it was at the time (numbers, names, IDs as JSON), so deleting an ID later does not
 *   rewrite history; `caller_id_id` is only a link and goes NULL with the ID.
 *   Charges are integers in tenths of a yen, so 17.5円 units add up exactly.
 * - `tenant_link_templates`: at most one row per tenant; NULL = not set.
 * - `park_slot_names`: optional names for slots *71–*78.
 */
export const CALL_LOG_MIGRATION: Migration = {
  version: 4,
  name: 'call log (CDR), CRM/number-search templates, park-slot names',
  sql: `
    CREATE TABLE call_log (
      id                   INTEGER PRIMARY KEY,
      tenant_id            INTEGER NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      pbx_call_id          TEXT    NOT NULL UNIQUE,
      kind                 TEXT    NOT NULL CHECK (kind IN ('internal', 'outgoingOutside', 'incomingOutside')),
      caller_id_id         INTEGER REFERENCES ids(id) ON DELETE SET NULL,
      caller_number        TEXT    NOT NULL CHECK (length(caller_number) <= 32),
      caller_name          TEXT    NOT NULL DEFAULT '' CHECK (length(caller_name) <= 128),
      dialled_number       TEXT    NOT NULL CHECK (length(dialled_number) <= 32),
      company_number       TEXT    CHECK (company_number IS NULL OR length(company_number) <= 16),
      callee_id_ids        TEXT    NOT NULL CHECK (json_valid(callee_id_ids) AND json_type(callee_id_ids) = 'array'),
      answered_by_id_id    INTEGER,
      started_at           INTEGER NOT NULL,
      answered_at          INTEGER,
      ended_at             INTEGER NOT NULL CHECK (ended_at >= started_at),
      result               TEXT    NOT NULL CHECK (result IN ('answered', 'noAnswer', 'rejected', 'busy', 'cancelled', 'failed')),
      duration_seconds     INTEGER NOT NULL CHECK (duration_seconds >= 0),
      caller_terminal      TEXT    CHECK (caller_terminal IS NULL OR caller_terminal IN ('softphone', 'ipPhone', 'adapter', 'smartphoneApp')),
      -- NULL when the rate table does not cover the destination (never guessed)
      charge_tenths_yen    INTEGER CHECK (charge_tenths_yen IS NULL OR charge_tenths_yen >= 0),
      charge_rate          TEXT,
      CHECK ((result = 'answered') = (answered_at IS NOT NULL))
    ) STRICT;
    CREATE INDEX call_log_by_tenant_time ON call_log (tenant_id, started_at);

    CREATE TABLE tenant_link_templates (
      tenant_id             INTEGER PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
      crm_url               TEXT CHECK (crm_url IS NULL OR length(crm_url) <= 2048),
      number_search_url     TEXT CHECK (number_search_url IS NULL OR length(number_search_url) <= 2048),
      updated_at            INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE park_slot_names (
      tenant_id  INTEGER NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      slot       TEXT    NOT NULL CHECK (slot IN ('*71', '*72', '*73', '*74', '*75', '*76', '*77', '*78')),
      name       TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 32),
      PRIMARY KEY (tenant_id, slot)
    ) STRICT, WITHOUT ROWID;
  `,
};
