import { z } from 'zod';
import type { WebPhonebookStatus } from '../../../src-shared/contract/requests/phonebook.js';
import { errorMessage, type Logger } from '../logging/logger.js';
import { realScheduler, type Scheduler } from '../provisioning/config-watcher.js';
import { SerialQueue } from '../support/serial-queue.js';
import type { WebPhonebookCache, WebPhonebookChanges } from './web-phonebook-cache.js';

export interface WebPhonebookSyncOptions {
  serverUrl: string;
  loginId: string;
  /** the provisioning bearer token as it is now (the config watcher refreshes it) */
  token: () => string;
  fetch: typeof fetch;
  cache: WebPhonebookCache;
  logger: Logger;
  /** how often to ask the server for changes */
  intervalMs: number;
  now: () => number;
  scheduler?: Scheduler;
  /** one page request may take this long (default 10 s) */
  requestTimeoutMs?: number;
  /** a page was applied to the cache (for the search index) */
  onChanged(changes: WebPhonebookChanges): void;
}

export const WEB_SYNC_PAGE_SIZE = 500;
/** a sync stops after this many pages and goes on at the next tick (never an endless loop) */
const MAX_PAGES_PER_SYNC = 400;
const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

// The server is trusted no more than any network input: every field is checked and capped.
const text = z.string().max(2000);
const entrySchema = z.object({
  id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  name: z.string().min(1).max(200),
  reading: text,
  company: text,
  department: text,
  notes: text,
  numbers: z.array(z.object({ label: z.string().max(50), digits: z.string().regex(/^\d{1,20}$/) })).max(10),
  version: z.number().int().min(0),
  updatedAt: z.number().int(),
});
const changesSchema = z.object({
  version: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  upserts: z.array(entrySchema).max(10_000),
  deletions: z.array(z.number().int().positive()).max(10_000),
  more: z.boolean(),
  reset: z.boolean().default(false),
});

export const SYNC_UNREACHABLE_MESSAGE = 'Web電話帳を同期できませんでした（サーバーに接続できません）。前回の内容を表示しています';
export const SYNC_REFUSED_MESSAGE = 'Web電話帳を同期できませんでした。前回の内容を表示しています';

/**
 * Keeps the account's cache of the Web電話帳 current with `GET /api/softphone/phonebook/changes`
 * (changes since our version, deletions as tombstones, paged with `more`). Each page is applied
 * in one transaction with the version it reaches, so an interrupted sync resumes where it
 * stopped. Any failure (network, status, invalid answer) keeps the cache as it is: the phone
 * still finds everyone it found before, offline included. Syncs run one at a time.
 */
export class WebPhonebookSync {
  private state: 'created' | 'running' | 'stopped' = 'created';
  private timer: unknown;
  private lastError: string | null = null;
  private readonly queue = new SerialQueue();
  private readonly stopped = new AbortController();
  private readonly scheduler: Scheduler;

  constructor(private readonly options: WebPhonebookSyncOptions) {
    this.scheduler = options.scheduler ?? realScheduler;
  }

  /** Syncs now, then every `intervalMs`. */
  start(): void {
    if (this.state !== 'created') return;
    this.state = 'running';
    void this.syncNow().finally(() => this.schedule());
  }

  dispose(): void {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    if (this.timer !== undefined) this.scheduler.clearTimeout(this.timer);
    this.timer = undefined;
    this.stopped.abort();
  }

  status(): WebPhonebookStatus {
    const state = this.options.cache.state(this.options.loginId);
    return {
      version: state?.version ?? 0,
      entries: this.options.cache.count(this.options.loginId),
      syncedAt: state?.syncedAt ?? null,
      lastError: this.lastError,
    };
  }

  /** One sync (after the one running, if any); never throws: the outcome is in the status. */
  syncNow(): Promise<WebPhonebookStatus> {
    return this.queue.run(async () => {
      if (this.state === 'running') await this.pull();
      return this.status();
    });
  }

  private schedule(): void {
    if (this.state !== 'running') return;
    this.timer = this.scheduler.setTimeout(() => {
      this.timer = undefined;
      void this.syncNow().finally(() => this.schedule());
    }, this.options.intervalMs);
  }

  private async pull(): Promise<void> {
    const { cache, loginId, serverUrl, logger } = this.options;
    const known = cache.state(loginId);
    if (known && known.serverUrl !== serverUrl) {
      // another server's ids mean nothing here
      cache.clear(loginId);
      this.options.onChanged({ version: 0, upserts: [], deletions: [], reset: true });
    }
    let since = known && known.serverUrl === serverUrl ? known.version : 0;
    try {
      for (let page = 0; page < MAX_PAGES_PER_SYNC && this.state === 'running'; page++) {
        const changes = await this.fetchPage(since);
        if (this.state !== 'running') return;
        const applied: WebPhonebookChanges = {
          version: changes.version,
          upserts: changes.upserts,
          deletions: changes.deletions,
          reset: changes.reset,
        };
        cache.apply(loginId, serverUrl, applied, this.options.now());
        this.options.onChanged(applied);
        // a page that does not move forward would repeat forever
        if (!changes.more || (changes.version <= since && !changes.reset)) break;
        since = changes.version;
      }
      this.lastError = null;
    } catch (error) {
      if (this.state !== 'running') return;
      this.lastError = error instanceof SyncRefused ? SYNC_REFUSED_MESSAGE : SYNC_UNREACHABLE_MESSAGE;
      logger.warn('web phonebook sync failed; keeping the cache', { error: errorMessage(error) });
    }
  }

  private async fetchPage(since: number): Promise<z.infer<typeof changesSchema>> {
    const abort = new AbortController();
    const cancel = (): void => abort.abort();
    const timer = this.scheduler.setTimeout(cancel, this.options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS);
    this.stopped.signal.addEventListener('abort', cancel);
    try {
      const url = new URL('/api/softphone/phonebook/changes', this.options.serverUrl);
      url.searchParams.set('since', String(since));
      url.searchParams.set('limit', String(WEB_SYNC_PAGE_SIZE));
      const response = await this.options.fetch(url.toString(), {
        headers: { authorization: `Bearer ${this.options.token()}`, accept: 'application/json' },
        signal: abort.signal,
      });
      if (response.status !== 200) {
        await response.body?.cancel();
        throw new SyncRefused(`status ${response.status}`);
      }
      const parsed = changesSchema.safeParse(await response.json());
      if (!parsed.success) throw new SyncRefused('invalid changes page');
      return parsed.data;
    } finally {
      this.scheduler.clearTimeout(timer);
      this.stopped.signal.removeEventListener('abort', cancel);
    }
  }
}

/** The server answered, but not with usable changes (as opposed to not answering at all). */
class SyncRefused extends Error {}
