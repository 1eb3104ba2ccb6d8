import type { Migration } from './migrations.js';

/**
 * v5: call park settings of a tenant. For now the recall time: a call parked longer than this
 * rings the ID that parked it (issue 4 point 4). Default 180 s; the customer page allows 10–3600.
 */
export const PARK_SETTINGS_MIGRATION: Migration = {
  version: 5,
  name: 'park recall time per tenant',
  sql: `
    ALTER TABLE tenants ADD COLUMN park_recall_seconds INTEGER NOT NULL DEFAULT 180
      CHECK (park_recall_seconds BETWEEN 10 AND 3600);
  `,
};
