import type { LocalMigration } from '../storage/local-migrations.js';

/** Version 1 of the local database: call history, one row per finished call per account. */
export const HISTORY_MIGRATION: LocalMigration = {
  version: 1,
  name: 'call history',
  sql: `
    CREATE TABLE call_history (
      id                 INTEGER PRIMARY KEY,
      -- the provisioning login ID: two users on one PC never see each other's calls
      login_id           TEXT    NOT NULL CHECK (length(login_id) BETWEEN 1 AND 64),
      -- unique per call on this PC (account session + line id): recording twice is a no-op
      call_key           TEXT    NOT NULL UNIQUE,
      direction          TEXT    NOT NULL CHECK (direction IN ('incoming', 'outgoing')),
      remote_number      TEXT    NOT NULL CHECK (length(remote_number) <= 128),
      remote_name        TEXT    NOT NULL CHECK (length(remote_name) <= 128),
      called_number      TEXT             CHECK (called_number IS NULL OR length(called_number) <= 128),
      called_label       TEXT             CHECK (called_label IS NULL OR length(called_label) <= 128),
      caller_number      TEXT             CHECK (caller_number IS NULL OR length(caller_number) <= 128),
      started_at         INTEGER NOT NULL,
      answered_at        INTEGER,
      ended_at           INTEGER NOT NULL,
      result             TEXT    NOT NULL CHECK (result IN ('answered', 'missed', 'rejected', 'busy', 'failed', 'cancelled', 'answeredElsewhere')),
      end_reason         TEXT    NOT NULL,
      duration_seconds   INTEGER NOT NULL CHECK (duration_seconds >= 0),
      -- the CallCharge of priceCall, as JSON ({priced:true,…} or {priced:false,reason})
      charge             TEXT    NOT NULL CHECK (json_valid(charge)),
      -- 0 only for a missed call the user has not looked at yet
      seen               INTEGER NOT NULL CHECK (seen IN (0, 1))
    ) STRICT;
    CREATE INDEX call_history_by_account ON call_history (login_id, id DESC);
    CREATE INDEX call_history_unseen_missed ON call_history (login_id) WHERE result = 'missed' AND seen = 0;
  `,
};
