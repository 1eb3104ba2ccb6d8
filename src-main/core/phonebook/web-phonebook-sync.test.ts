import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PhonebookEntryFields } from '../../../src-shared/phonebook/phonebook-entry.js';
import { createSilentLogger } from '../logging/logger.js';
import { LocalDatabase } from '../storage/local-database.js';
import { FakePhonebookServer, manualScheduler } from './fake-phonebook-server.js';
import { WebPhonebookCache, type WebPhonebookChanges } from './web-phonebook-cache.js';
import { SYNC_REFUSED_MESSAGE, SYNC_UNREACHABLE_MESSAGE, WEB_SYNC_PAGE_SIZE, WebPhonebookSync } from './web-phonebook-sync.js';

const LOGIN = '05030000001';
let database: LocalDatabase;
let server: FakePhonebookServer;
let cache: WebPhonebookCache;
const syncs: WebPhonebookSync[] = [];

function startSync(serverUrl = 'http://127.0.0.1:1', changed: WebPhonebookChanges[] = []): WebPhonebookSync {
  const sync = new WebPhonebookSync({
    serverUrl,
    loginId: LOGIN,
    token: () => 'token-abc',
    fetch: server.fetch,
    cache,
    logger: createSilentLogger(),
    intervalMs: 60_000,
    now: () => 42,
    scheduler: manualScheduler,
    onChanged: (changes) => changed.push(changes),
  });
  syncs.push(sync);
  sync.start();
  return sync;
}

const fields = (name: string, digits: string): PhonebookEntryFields => ({
  name,
  reading: '',
  company: '',
  department: '',
  notes: '',
  numbers: [{ label: '', digits }],
});
const cachedNames = (): string[] => cache.all(LOGIN).map((entry) => entry.name);

beforeEach(() => {
  database = LocalDatabase.open();
  server = new FakePhonebookServer();
  cache = new WebPhonebookCache(database.db);
});
afterEach(() => {
  for (const sync of syncs.splice(0)) sync.dispose();
  database.close();
});

describe('WebPhonebookSync', () => {
  it('pulls everything, then only what changed since (edits and deletions), with the bearer token', async () => {
    const a = server.add(fields('青木', '0311110001'));
    const b = server.add(fields('伊藤', '0311110002'));
    const sync = startSync();
    expect(await sync.syncNow()).toEqual({ version: 2, entries: 2, syncedAt: 42, lastError: null });
    expect(cachedNames()).toEqual(['青木', '伊藤']);

    server.edit(a, { name: '青木 改' });
    server.remove(b);
    server.add(fields('上田', '0311110003'));
    expect(await sync.syncNow()).toMatchObject({ version: 5, entries: 2, lastError: null });
    expect(cachedNames()).toEqual(['青木 改', '上田']);
    // start() synced once, the first syncNow() found nothing new, the second fetched since 2
    expect(server.requests.map((request) => request.since)).toEqual([0, 2, 2]);
    expect(server.requests.every((request) => request.token === 'Bearer token-abc')).toBe(true);
  });

  it('follows `more` page by page', async () => {
    for (let i = 0; i < WEB_SYNC_PAGE_SIZE * 2 + 3; i++) server.add(fields(`人${i}`, `03${String(i).padStart(8, '0')}`));
    const changed: WebPhonebookChanges[] = [];
    const sync = startSync(undefined, changed);
    expect(await sync.syncNow()).toMatchObject({ version: WEB_SYNC_PAGE_SIZE * 2 + 3, entries: WEB_SYNC_PAGE_SIZE * 2 + 3 });
    // start()'s sync took three pages; syncNow() after it asked once more and got nothing
    expect(server.requests.map((request) => request.since)).toEqual([0, WEB_SYNC_PAGE_SIZE, WEB_SYNC_PAGE_SIZE * 2, WEB_SYNC_PAGE_SIZE * 2 + 3]);
    expect(changed.map((page) => page.upserts.length)).toEqual([WEB_SYNC_PAGE_SIZE, WEB_SYNC_PAGE_SIZE, 3, 0]);
  });

  it('keeps the cache when the server is unreachable, refuses, or answers garbage', async () => {
    server.add(fields('青木', '0311110001'));
    const sync = startSync();
    await sync.syncNow();
    server.add(fields('伊藤', '0311110002'));
    for (const failure of ['network', 503, 'garbage'] as const) {
      server.failWith = failure;
      const status = await sync.syncNow();
      expect(status).toMatchObject({ version: 1, entries: 1, lastError: failure === 'network' ? SYNC_UNREACHABLE_MESSAGE : SYNC_REFUSED_MESSAGE });
      expect(cachedNames()).toEqual(['青木']);
    }
    server.failWith = undefined;
    expect(await sync.syncNow()).toMatchObject({ version: 2, entries: 2, lastError: null });
  });

  it('starts over when the server no longer knows our version, or the cache came from another server', async () => {
    server.add(fields('青木', '0311110001'));
    server.add(fields('伊藤', '0311110002'));
    server.add(fields('上田', '0311110003'));
    const first = startSync('http://127.0.0.1:1');
    await first.syncNow();
    first.dispose();

    // the server's data was reset (version 1 < our 3): it answers reset, the cache is replaced
    const fresh = new FakePhonebookServer();
    fresh.add(fields('新しい人', '0333330001'));
    server = fresh;
    const changed: WebPhonebookChanges[] = [];
    const second = startSync('http://127.0.0.1:1', changed);
    expect(await second.syncNow()).toMatchObject({ version: 1, entries: 1 });
    expect(fresh.requests[0]?.since).toBe(3);
    expect(changed[0]?.reset).toBe(true);
    expect(cachedNames()).toEqual(['新しい人']);
    second.dispose();

    // another server: its ids mean nothing here, so everything is fetched from 0
    const other = new FakePhonebookServer();
    other.add(fields('他社の人', '0444440001'));
    server = other;
    const third = startSync('http://127.0.0.2:1');
    expect(await third.syncNow()).toMatchObject({ entries: 1 });
    expect(other.requests[0]?.since).toBe(0);
    expect(cachedNames()).toEqual(['他社の人']);
  });

  it('syncs again every interval', async () => {
    const timers: { callback: () => void; ms: number }[] = [];
    const sync = new WebPhonebookSync({
      serverUrl: 'http://127.0.0.1:1',
      loginId: LOGIN,
      token: () => 'token-abc',
      fetch: server.fetch,
      cache,
      logger: createSilentLogger(),
      intervalMs: 60_000,
      now: () => 42,
      scheduler: { setTimeout: (callback, ms) => timers.push({ callback, ms }), clearTimeout: () => undefined },
      onChanged: () => undefined,
    });
    syncs.push(sync);
    sync.start();
    await sync.syncNow();
    const periodic = timers.filter((timer) => timer.ms === 60_000);
    expect(periodic).toHaveLength(1);
    server.add(fields('青木', '0311110001'));
    periodic[0]!.callback();
    await sync.syncNow();
    expect(cachedNames()).toEqual(['青木']);
    expect(timers.filter((timer) => timer.ms === 60_000)).toHaveLength(2);
  });

  it('does nothing after dispose', async () => {
    const sync = startSync();
    await sync.syncNow();
    sync.dispose();
    server.add(fields('青木', '0311110001'));
    await sync.syncNow();
    expect(cachedNames()).toEqual([]);
  });
});
