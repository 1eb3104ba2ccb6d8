import type { SchemaMigration } from '../../../src-shared/storage/schema-migrations.js';
import { HISTORY_MIGRATION } from '../history/history-migration.js';
import { PHONEBOOK_MIGRATION } from '../phonebook/phonebook-migration.js';
import { SETTINGS_MIGRATION } from '../settings/settings-migration.js';

/**
 * The softphone's local schema, as an append-only list (the server's convention, see
 * src-server/store/migrations.ts). A released migration is never edited: later features
 * (phonebook, settings) append their own entries with the next free version.
 */
export type LocalMigration = SchemaMigration;

export const LOCAL_MIGRATIONS: readonly LocalMigration[] = [HISTORY_MIGRATION, PHONEBOOK_MIGRATION, SETTINGS_MIGRATION];
