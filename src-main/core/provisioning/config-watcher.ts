import {
  softphoneConfigSchema,
  type SoftphoneConfig,
} from '../../../src-shared/provisioning/softphone-config.js';
import { z } from 'zod';
import { errorMessage, type Logger } from '../logging/logger.js';
import { SerialQueue } from '../support/serial-queue.js';
import { configHeaderNamesAreTokens } from './provisioning-client.js';

/** Timer functions, injected so the watcher can be driven by a fake clock in unit tests. */
export interface Scheduler {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realScheduler: Scheduler = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface ConfigWatcherOptions {
  serverUrl: string;
  /** bearer token and its expiry (server clock, ms) from the login response */
  token: string;
  expiresAt: number;
  /** the config the session runs with now: a poll returning the same one changes nothing */
  initialConfig: SoftphoneConfig;
  fetch: typeof fetch;
  pollIntervalMs: number;
  now: () => number;
  logger: Logger;
  scheduler?: Scheduler;
  /** one request (poll, refresh, logout) may take this long (default 10 s) */
  requestTimeoutMs?: number;
  /** a config that differs from the last one seen */
  onConfig(config: SoftphoneConfig): void;
  /** the token no longer works (401): polling and refreshing have stopped */
  onSessionExpired(): void;
  /** the token was swapped for a new one (the old one no longer works): e.g. to remember it */
  onTokenRefreshed?(token: string): void;
}

const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
/** refresh when this share of the token's lifetime has passed */
const REFRESH_AT_LIFETIME_SHARE = 0.8;
/** never refresh more often than this (a skewed clock could make every lifetime look spent) */
const MIN_REFRESH_DELAY_MS = 1_000;
/** setTimeout fires at once above 2^31-1 ms: wait in steps no longer than this */
const MAX_TIMER_MS = 2_147_483_647;

const refreshResponseSchema = z.object({ token: z.string().min(16), expiresAt: z.number().int() });

type Outcome = 'ok' | 'unauthorized' | 'failed';

/**
 * Keeps a logged-in softphone's configuration and bearer token current without re-login
 * (issue 3 point 2/3):
 * - polls `GET /api/softphone/config` every `pollIntervalMs` with `If-None-Match: <last ETag>`;
 *   304 changes nothing, a valid 200 that differs from the last config goes to `onConfig`, an
 *   invalid one is logged and ignored; a network error or other status keeps the current config
 *   and the next tick tries again (one request per tick, never a tight loop);
 * - refreshes the token (`POST /api/softphone/refresh`) once 80 % of its lifetime has passed and
 *   uses the new one from then on (a failed attempt is retried a poll interval later);
 * - a 401 from either means the token is gone: everything stops and `onSessionExpired` runs;
 * - `logout()` revokes the token (`POST /api/softphone/logout`), best effort and bounded.
 * Requests run one at a time, so a poll never races a refresh that revokes its token.
 * The token is never logged.
 */
export class ConfigWatcher {
  private state: 'created' | 'running' | 'stopped' = 'created';
  private token: string;
  private etag: string | undefined;
  private lastConfigJson: string;
  private refreshAt: number;
  private pollTimer: unknown;
  private refreshTimer: unknown;
  private readonly queue = new SerialQueue();
  private readonly stopped = new AbortController();
  private readonly scheduler: Scheduler;
  private readonly requestTimeoutMs: number;

  constructor(private readonly options: ConfigWatcherOptions) {
    this.token = options.token;
    this.lastConfigJson = JSON.stringify(options.initialConfig);
    this.refreshAt = refreshTimeFor(options.expiresAt, options.now());
    this.scheduler = options.scheduler ?? realScheduler;
    this.requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  }

  get running(): boolean {
    return this.state === 'running';
  }

  /** The bearer token in use now (refreshed in place), for other requests of this session. */
  get bearerToken(): string {
    return this.token;
  }

  start(): void {
    if (this.state !== 'created') return;
    this.state = 'running';
    this.schedulePoll();
    this.scheduleRefresh();
  }

  /** Stop polling and refreshing; a request in flight is aborted. Safe to call twice. */
  dispose(): void {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    this.clearTimers();
    this.stopped.abort();
  }

  /** Dispose, then revoke the token on the server. Never throws; bounded by `timeoutMs`. */
  async logout(timeoutMs = this.requestTimeoutMs): Promise<void> {
    this.dispose();
    await this.queue.run(async () => {
      try {
        const status = await this.request('POST', '/api/softphone/logout', undefined, (response) => Promise.resolve(response.status), timeoutMs);
        if (status !== 200 && status !== 401) this.options.logger.warn('provisioning logout refused', { status });
      } catch (error) {
        this.options.logger.warn('provisioning logout failed', { error: errorMessage(error) });
      }
    });
  }

  /**
   * Check now instead of at the next tick: refresh the token if its time has come, then poll.
   * For moments when the login may have changed unnoticed: the machine woke up (timers slept
   * too), the network came back, or the SIP server refused the credentials. A 401 ends the
   * session as usual (`onSessionExpired`); the regular schedule goes on unchanged.
   */
  checkNow(): void {
    if (this.state !== 'running') return;
    void this.queue
      .run(() => (this.options.now() >= this.refreshAt ? this.refresh() : Promise.resolve<Outcome>('ok')))
      .then((outcome) => this.after(outcome, () => undefined));
    void this.queue.run(() => this.poll()).then((outcome) => this.after(outcome, () => undefined));
  }

  /** Resolves when the request running or queued now has finished (for tests). */
  whenIdle(): Promise<void> {
    return this.queue.run(() => Promise.resolve());
  }

  private schedulePoll(): void {
    if (this.state !== 'running') return;
    this.pollTimer = this.scheduler.setTimeout(() => {
      this.pollTimer = undefined;
      void this.queue.run(() => this.poll()).then((outcome) => this.after(outcome, () => this.schedulePoll()));
    }, this.options.pollIntervalMs);
  }

  private scheduleRefresh(delayMs = this.refreshAt - this.options.now()): void {
    if (this.state !== 'running') return;
    this.refreshTimer = this.scheduler.setTimeout(() => {
      this.refreshTimer = undefined;
      if (this.options.now() < this.refreshAt) {
        this.scheduleRefresh(); // a long lifetime waited in steps
        return;
      }
      void this.queue.run(() => this.refresh()).then((outcome) =>
        this.after(outcome, () => this.scheduleRefresh(outcome === 'ok' ? undefined : this.options.pollIntervalMs)),
      );
    }, Math.min(Math.max(delayMs, 0), MAX_TIMER_MS));
  }

  private after(outcome: Outcome, next: () => void): void {
    if (this.state !== 'running') return;
    if (outcome === 'unauthorized') {
      this.dispose();
      this.options.logger.warn('provisioning session expired: config polling stopped');
      this.options.onSessionExpired();
      return;
    }
    next();
  }

  private async poll(): Promise<Outcome> {
    if (this.state !== 'running') return 'ok';
    let reply: { status: number; etag: string | null; body: unknown };
    try {
      reply = await this.request('GET', '/api/softphone/config', this.etag, async (response) => ({
        status: response.status,
        etag: response.headers.get('etag'),
        body: response.status === 200 ? await response.json() : undefined,
      }));
    } catch (error) {
      if (this.state === 'running') this.options.logger.warn('config poll failed; keeping the current config', { error: errorMessage(error) });
      return 'failed';
    }
    if (reply.status === 304) return 'ok';
    if (reply.status === 401) return 'unauthorized';
    if (reply.status !== 200) {
      this.options.logger.warn('config poll refused; keeping the current config', { status: reply.status });
      return 'failed';
    }
    const parsed = softphoneConfigSchema.safeParse(reply.body);
    if (!parsed.success || !configHeaderNamesAreTokens(parsed.data)) {
      this.options.logger.warn('config poll: invalid config ignored');
      return 'failed';
    }
    this.etag = reply.etag ?? undefined;
    const json = JSON.stringify(parsed.data);
    if (json === this.lastConfigJson || this.state !== 'running') return 'ok';
    this.lastConfigJson = json;
    this.options.logger.info('provisioned config changed');
    this.options.onConfig(parsed.data);
    return 'ok';
  }

  private async refresh(): Promise<Outcome> {
    if (this.state !== 'running') return 'ok';
    try {
      const reply = await this.request('POST', '/api/softphone/refresh', undefined, async (response) => ({
        status: response.status,
        body: response.status === 200 ? await response.json() : undefined,
      }));
      if (reply.status === 401) return 'unauthorized';
      if (reply.status !== 200) {
        this.options.logger.warn('token refresh refused; retrying later', { status: reply.status });
        return 'failed';
      }
      const parsed = refreshResponseSchema.safeParse(reply.body);
      if (!parsed.success) {
        this.options.logger.warn('token refresh: invalid response ignored');
        return 'failed';
      }
      this.token = parsed.data.token;
      this.refreshAt = refreshTimeFor(parsed.data.expiresAt, this.options.now());
      this.options.logger.info('provisioning token refreshed');
      this.options.onTokenRefreshed?.(parsed.data.token);
      return 'ok';
    } catch (error) {
      if (this.state === 'running') this.options.logger.warn('token refresh failed; retrying later', { error: errorMessage(error) });
      return 'failed';
    }
  }

  /** One bounded request with the current token (body read included); `dispose` aborts poll and refresh. */
  private async request<T>(
    method: 'GET' | 'POST',
    path: string,
    ifNoneMatch: string | undefined,
    read: (response: Response) => Promise<T>,
    timeoutMs = this.requestTimeoutMs,
  ): Promise<T> {
    const abort = new AbortController();
    const cancel = (): void => abort.abort();
    const timer = this.scheduler.setTimeout(cancel, timeoutMs);
    // logout runs after dispose: only poll and refresh follow the dispose abort
    const following = path !== '/api/softphone/logout';
    if (following) this.stopped.signal.addEventListener('abort', cancel);
    try {
      const headers: Record<string, string> = { authorization: `Bearer ${this.token}`, accept: 'application/json' };
      if (ifNoneMatch !== undefined) headers['if-none-match'] = ifNoneMatch;
      const response = await this.options.fetch(new URL(path, this.options.serverUrl).toString(), {
        method,
        headers,
        signal: abort.signal,
      });
      return await read(response);
    } finally {
      this.scheduler.clearTimeout(timer);
      if (following) this.stopped.signal.removeEventListener('abort', cancel);
    }
  }

  private clearTimers(): void {
    if (this.pollTimer !== undefined) this.scheduler.clearTimeout(this.pollTimer);
    if (this.refreshTimer !== undefined) this.scheduler.clearTimeout(this.refreshTimer);
    this.pollTimer = undefined;
    this.refreshTimer = undefined;
  }
}

function refreshTimeFor(expiresAt: number, now: number): number {
  const lifetime = expiresAt - now;
  return now + Math.max(Math.floor(lifetime * REFRESH_AT_LIFETIME_SHARE), MIN_REFRESH_DELAY_MS);
}
