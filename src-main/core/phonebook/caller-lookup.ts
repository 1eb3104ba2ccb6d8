import type Database from 'better-sqlite3';
import type { PhonebookContact } from '../../../src-shared/domain/phone-snapshot.js';
import { toNationalDigits } from '../../../src-shared/domain/phone-number.js';

interface MatchRow {
  id: number;
  name: string;
  company: string;
  department: string;
  label: string;
}

/**
 * Who is calling: the entry having exactly the caller's number, the local phonebook first (the
 * user's own name for someone beats the company's), then the Web電話帳 cache. Indexed SQL on
 * the number rows, so it works at once after login, without the search index in memory.
 */
export class CallerLookup {
  private readonly local: Database.Statement<[string, string], MatchRow>;
  private readonly web: Database.Statement<[string, string], MatchRow>;

  constructor(db: Database.Database) {
    this.local = db.prepare(
      `SELECT e.id, e.name, e.company, e.department, n.label
         FROM local_phonebook_numbers n JOIN local_phonebook_entries e ON e.id = n.entry_id
        WHERE n.login_id = ? AND n.digits = ? ORDER BY e.id LIMIT 1`,
    );
    this.web = db.prepare(
      `SELECT e.id, e.name, e.company, e.department, n.label
         FROM web_phonebook_numbers n JOIN web_phonebook_entries e ON e.login_id = n.login_id AND e.id = n.entry_id
        WHERE n.login_id = ? AND n.digits = ? ORDER BY e.id LIMIT 1`,
    );
  }

  /** `number` as the network gives it (digits, +81…, hyphens); null when nobody has it. */
  lookup(loginId: string, number: string): PhonebookContact | null {
    const digits = toNationalDigits(number);
    if (digits.length < 2 || digits.length > 20) return null;
    const local = this.local.get(loginId, digits);
    if (local) return { book: 'local', ...local };
    const web = this.web.get(loginId, digits);
    return web ? { book: 'web', ...web } : null;
  }
}
