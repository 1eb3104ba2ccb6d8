import { HISTORY_MIGRATION } from '../history/history-migration.js';

/**
 * The softphone's local schema, as an append-only list (the server's convention, see
 * src-server/store/migrations.ts). A released migration is never edited: later features
 * (phonebook, settings) append their own entries with the next free version.
 */
export interface LocalMigration {
  version: number;
  name: string;
  sql: string;
}

export const LOCAL_MIGRATIONS: readonly LocalMigration[] = [HISTORY_MIGRATION];
