import type { PhonebookEntryFields } from '../../../src-shared/phonebook/phonebook-entry.js';
import type { Scheduler } from '../provisioning/config-watcher.js';

/**
 * A stand-in for the server's `GET /api/softphone/phonebook/changes` in unit tests (the real
 * server is used by test/integration/phonebook.test.ts): versions, tombstones, paging, and
 * switches for failures.
 */
export class FakePhonebookServer {
  version = 0;
  readonly entries = new Map<number, PhonebookEntryFields & { id: number; version: number; updatedAt: number }>();
  readonly tombstones: { id: number; version: number }[] = [];
  /** answer every request with this status (e.g. 503), or throw like an unreachable host */
  failWith: number | 'network' | 'garbage' | undefined;
  readonly requests: { since: number; limit: number; token: string | null }[] = [];
  private nextId = 1;

  add(fields: PhonebookEntryFields): number {
    const id = this.nextId++;
    this.entries.set(id, { ...fields, id, version: ++this.version, updatedAt: 1000 + this.version });
    return id;
  }

  edit(id: number, fields: Partial<PhonebookEntryFields>): void {
    const entry = this.entries.get(id);
    if (!entry) throw new Error(`no entry ${id}`);
    this.entries.set(id, { ...entry, ...fields, version: ++this.version, updatedAt: 1000 + this.version });
  }

  remove(id: number): void {
    this.entries.delete(id);
    this.tombstones.push({ id, version: ++this.version });
  }

  readonly fetch: typeof fetch = (input, init) => {
    const url = new URL(String(input));
    const since = Number(url.searchParams.get('since'));
    const limit = Number(url.searchParams.get('limit'));
    const headers = new Headers(init?.headers);
    this.requests.push({ since, limit, token: headers.get('authorization') });
    if (this.failWith === 'network') return Promise.reject(new TypeError('fetch failed'));
    if (this.failWith === 'garbage') return Promise.resolve(Response.json({ version: 'x', upserts: 'no' }));
    if (this.failWith !== undefined) return Promise.resolve(new Response('', { status: this.failWith }));
    const reset = since > this.version;
    const from = reset ? 0 : since;
    const changes = [
      ...[...this.entries.values()].filter((entry) => entry.version > from).map((entry) => ({ version: entry.version, upsert: entry })),
      ...this.tombstones.filter((tomb) => tomb.version > from).map((tomb) => ({ version: tomb.version, deletion: tomb.id })),
    ].sort((a, b) => a.version - b.version);
    const page = changes.slice(0, limit);
    const more = changes.length > limit;
    return Promise.resolve(
      Response.json({
        version: more ? page.at(-1)!.version : this.version,
        upserts: page.flatMap((change) => ('upsert' in change ? [change.upsert] : [])),
        deletions: page.flatMap((change) => ('deletion' in change ? [change.deletion] : [])),
        more,
        reset,
      }),
    );
  };
}

/** Timers that never fire: tests drive syncs by hand. */
export const manualScheduler: Scheduler = { setTimeout: () => 0, clearTimeout: () => undefined };
