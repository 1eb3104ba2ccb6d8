import type { LocalMigration } from '../storage/local-migrations.js';

/**
 * Version 3 of the local database: the softphone's settings, one row per section of
 * PhoneSettings (language, audio, links, shortcuts, …) as JSON. Sections are read and recovered
 * one by one, so a damaged or outdated row costs that section its defaults, never the others.
 */
export const SETTINGS_MIGRATION: LocalMigration = {
  version: 3,
  name: 'settings',
  sql: `
    CREATE TABLE settings (
      section    TEXT    PRIMARY KEY CHECK (length(section) BETWEEN 1 AND 64),
      value      TEXT    NOT NULL CHECK (json_valid(value) AND length(value) <= 65536),
      updated_at INTEGER NOT NULL
    ) STRICT;
  `,
};
