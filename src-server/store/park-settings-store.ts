import type Database from 'better-sqlite3';

/** The tenant's park recall time (migration v5), seconds: read by the PBX, set by the customer page. */
export const PARK_RECALL_SECONDS_MIN = 10;
export const PARK_RECALL_SECONDS_MAX = 3600;

export class ParkSettingsStore {
  private readonly recallStmt: Database.Statement<[number], { park_recall_seconds: number }>;
  private readonly setRecallStmt: Database.Statement<[number, number]>;

  constructor(db: Database.Database) {
    this.recallStmt = db.prepare('SELECT park_recall_seconds FROM tenants WHERE id = ?');
    this.setRecallStmt = db.prepare('UPDATE tenants SET park_recall_seconds = ? WHERE id = ?');
  }

  /** undefined when there is no such tenant */
  recallSeconds(tenantId: number): number | undefined {
    return this.recallStmt.get(tenantId)?.park_recall_seconds;
  }

  /** False when there is no such tenant. The range is checked here and by the schema. */
  setRecallSeconds(tenantId: number, seconds: number): boolean {
    if (!Number.isInteger(seconds) || seconds < PARK_RECALL_SECONDS_MIN || seconds > PARK_RECALL_SECONDS_MAX) {
      throw new RangeError(`park recall time must be ${PARK_RECALL_SECONDS_MIN}–${PARK_RECALL_SECONDS_MAX} s`);
    }
    return this.setRecallStmt.run(seconds, tenantId).changes === 1;
  }
}
