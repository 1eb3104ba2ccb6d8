import type Database from 'better-sqlite3';

/** Bearer sessions, keyed by the SHA-256 of their token (the token itself is never stored). */
export type SessionPurpose = 'softphone' | 'customerPage';

export interface SessionRecord {
  idId: number;
  purpose: SessionPurpose;
  expiresAt: number;
}

export class SessionRecords {
  private readonly insert: Database.Statement<[Buffer, number, SessionPurpose, number, number]>;
  private readonly selectLive: Database.Statement<[Buffer, number], { id_id: number; purpose: SessionPurpose; expires_at: number }>;
  private readonly deleteOne: Database.Statement<[Buffer]>;
  private readonly deleteExpired: Database.Statement<[number]>;

  constructor(db: Database.Database) {
    this.insert = db.prepare('INSERT INTO sessions (token_hash, id_id, purpose, created_at, expires_at) VALUES (?, ?, ?, ?, ?)');
    this.selectLive = db.prepare('SELECT id_id, purpose, expires_at FROM sessions WHERE token_hash = ? AND expires_at > ?');
    this.deleteOne = db.prepare('DELETE FROM sessions WHERE token_hash = ?');
    this.deleteExpired = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');
  }

  create(session: { tokenHash: Buffer; idId: number; purpose: SessionPurpose; expiresAt: number; now: number }): void {
    this.insert.run(session.tokenHash, session.idId, session.purpose, session.now, session.expiresAt);
  }

  /** The session if it exists and has not expired at `now`. */
  findLive(tokenHash: Buffer, now: number): SessionRecord | undefined {
    const row = this.selectLive.get(tokenHash, now);
    return row && { idId: row.id_id, purpose: row.purpose, expiresAt: row.expires_at };
  }

  revoke(tokenHash: Buffer): void {
    this.deleteOne.run(tokenHash);
  }

  /** Removes expired sessions; returns how many. */
  purgeExpired(now: number): number {
    return this.deleteExpired.run(now).changes;
  }
}
