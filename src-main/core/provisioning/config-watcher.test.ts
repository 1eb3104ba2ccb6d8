import { afterEach, describe, expect, it } from 'vitest';
import type { LogFields, Logger } from '../logging/logger.js';
import type { SoftphoneConfig } from '../../../src-shared/provisioning/softphone-config.js';
import { ConfigWatcher, type Scheduler } from './config-watcher.js';
import { sampleLoginResponse } from './login-response.fixture.js';

/** Virtual time: timers fire only when the test advances the clock. */
class FakeClock implements Scheduler {
  now = START;
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();

  setTimeout(callback: () => void, ms: number): number {
    const id = this.nextId++;
    this.timers.set(id, { at: this.now + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  get pending(): number {
    return this.timers.size;
  }

  /** Move time forward, firing due timers in order and letting their async work settle. */
  async advance(ms: number): Promise<void> {
    const target = this.now + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.now = due[1].at;
      due[1].callback();
      await settle();
    }
    this.now = target;
    await settle();
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

interface Seen {
  method: string;
  path: string;
  authorization: string | undefined;
  ifNoneMatch: string | undefined;
}

type Responder = (request: Seen) => Response | Promise<Response>;

function recordingFetch(respond: Responder): { fetch: typeof fetch; seen: Seen[] } {
  const seen: Seen[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const request = {
      method: init?.method ?? 'GET',
      path: new URL(String(input)).pathname,
      authorization: headers.authorization,
      ifNoneMatch: headers['if-none-match'],
    };
    seen.push(request);
    // like the real fetch: an abort rejects, even while the server has not answered
    const signal = init?.signal;
    return Promise.race([
      Promise.resolve().then(() => respond(request)),
      new Promise<never>((_, reject) => {
        if (signal?.aborted) reject(new DOMException('aborted', 'AbortError'));
        signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      }),
    ]);
  }) as typeof fetch;
  return { fetch: fetchImpl, seen };
}

function memoryLogger(lines: string[]): Logger {
  const log = (level: string) => (message: string, fields?: LogFields) => {
    lines.push(`${level} ${message} ${fields ? JSON.stringify(fields) : ''}`);
  };
  const logger: Logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error'), child: () => logger };
  return logger;
}

const TOKEN = 'token-0123456789abcdef';
const POLL_MS = 1_000;
const HOUR = 3_600_000;
const START = 1_000_000;

const watchers: ConfigWatcher[] = [];
afterEach(() => {
  for (const w of watchers.splice(0)) w.dispose();
});

function setup(respond: Responder, options: { lifetimeMs?: number } = {}) {
  const clock = new FakeClock();
  const { fetch, seen } = recordingFetch(respond);
  const configs: SoftphoneConfig[] = [];
  const logs: string[] = [];
  let expired = 0;
  const refreshed: string[] = [];
  const watcher = new ConfigWatcher({
    serverUrl: 'http://127.0.0.1:7080',
    token: TOKEN,
    expiresAt: clock.now + (options.lifetimeMs ?? HOUR),
    initialConfig: sampleLoginResponse().config,
    fetch,
    pollIntervalMs: POLL_MS,
    now: () => clock.now,
    scheduler: clock,
    logger: memoryLogger(logs),
    onConfig: (config) => configs.push(config),
    onSessionExpired: () => {
      expired++;
    },
    onTokenRefreshed: (token) => refreshed.push(token),
  });
  watchers.push(watcher);
  watcher.start();
  return { clock, seen, configs, logs, watcher, refreshed, expired: () => expired };
}

const changedConfig = (): SoftphoneConfig => ({ ...sampleLoginResponse().config, defaultCallerNumber: '05030000001' });
const withEtag = (body: unknown, etag: string): Response => Response.json(body, { headers: { ETag: etag } });
const notModified = (etag: string): Response => new Response(null, { status: 304, headers: { ETag: etag } });
const unauthorized = (): Response => Response.json({ error: { code: 'unauthorized', message: 'x' } }, { status: 401 });

describe('ConfigWatcher', () => {
  it('polls with the bearer token and the last ETag; 304 and an unchanged 200 change nothing', async () => {
    const t = setup((r) => (r.ifNoneMatch === '"7-2"' ? notModified('"7-2"') : withEtag(sampleLoginResponse().config, '"7-2"')));
    expect(t.seen).toEqual([]); // nothing before the first interval
    await t.clock.advance(POLL_MS);
    expect(t.seen).toEqual([{ method: 'GET', path: '/api/softphone/config', authorization: `Bearer ${TOKEN}`, ifNoneMatch: undefined }]);
    await t.clock.advance(POLL_MS);
    await t.clock.advance(POLL_MS);
    expect(t.seen.map((r) => r.ifNoneMatch)).toEqual([undefined, '"7-2"', '"7-2"']);
    expect(t.configs).toEqual([]);
    expect(t.expired()).toBe(0);
  });

  it('hands a changed config over once, then goes back to 304', async () => {
    const t = setup((r) => (r.ifNoneMatch === '"8-2"' ? notModified('"8-2"') : withEtag(changedConfig(), '"8-2"')));
    await t.clock.advance(POLL_MS * 3);
    expect(t.configs).toHaveLength(1);
    expect(t.configs[0]?.defaultCallerNumber).toBe('05030000001');
    expect(t.seen).toHaveLength(3);
  });

  it('ignores an invalid body with a log and keeps polling', async () => {
    let invalid = true;
    const t = setup(() => withEtag(invalid ? { ...changedConfig(), callerNumbers: [] } : changedConfig(), '"9-2"'));
    await t.clock.advance(POLL_MS);
    expect(t.configs).toEqual([]);
    expect(t.logs.some((line) => line.startsWith('warn config poll: invalid config ignored'))).toBe(true);
    invalid = false;
    await t.clock.advance(POLL_MS);
    expect(t.configs).toHaveLength(1);
  });

  it('keeps the config on network errors and 5xx, one request per tick (no tight loop)', async () => {
    let calls = 0;
    const t = setup(() => {
      calls++;
      if (calls === 1) throw new TypeError('fetch failed');
      return Response.json({ error: { code: 'internal', message: 'x' } }, { status: 503 });
    });
    await t.clock.advance(POLL_MS * 4);
    expect(t.seen).toHaveLength(4);
    expect(t.configs).toEqual([]);
    expect(t.watcher.running).toBe(true);
    expect(t.logs.filter((l) => l.startsWith('warn'))).toHaveLength(4);
  });

  it('401 stops polling and refreshing and reports the expiry once', async () => {
    const t = setup(() => unauthorized());
    await t.clock.advance(POLL_MS);
    expect(t.expired()).toBe(1);
    expect(t.watcher.running).toBe(false);
    expect(t.clock.pending).toBe(0);
    await t.clock.advance(HOUR * 2);
    expect(t.seen).toHaveLength(1);
  });

  it('refreshes at ~80 % of the lifetime and uses the new token afterwards', async () => {
    const lifetime = 100_000;
    const newToken = 'token-new-0123456789abcdef';
    const t = setup((r) => {
      if (r.path === '/api/softphone/refresh') return Response.json({ token: newToken, expiresAt: START + 80_000 + HOUR });
      return notModified('"1-2"');
    }, { lifetimeMs: lifetime });
    await t.clock.advance(79_000);
    expect(t.seen.some((r) => r.path === '/api/softphone/refresh')).toBe(false);
    await t.clock.advance(1_000);
    const refresh = t.seen.filter((r) => r.path === '/api/softphone/refresh');
    expect(refresh).toEqual([{ method: 'POST', path: '/api/softphone/refresh', authorization: `Bearer ${TOKEN}`, ifNoneMatch: undefined }]);
    // the core remembers the new token (secret store): the old one no longer works
    expect(t.refreshed).toEqual([newToken]);
    const before = t.seen.length;
    await t.clock.advance(POLL_MS);
    expect(t.seen.slice(before).every((r) => r.authorization === `Bearer ${newToken}`)).toBe(true);
    expect(t.seen.length).toBeGreaterThan(before);
  });

  it('a failed refresh is retried a poll interval later; a 401 on refresh expires the session', async () => {
    let refreshes = 0;
    const t = setup((r) => {
      if (r.path !== '/api/softphone/refresh') return notModified('"1-2"');
      refreshes++;
      if (refreshes === 1) throw new TypeError('fetch failed');
      return unauthorized();
    }, { lifetimeMs: 10_000 });
    await t.clock.advance(8_000);
    expect(refreshes).toBe(1);
    expect(t.expired()).toBe(0);
    await t.clock.advance(POLL_MS);
    expect(refreshes).toBe(2);
    expect(t.expired()).toBe(1);
    expect(t.clock.pending).toBe(0);
  });

  it('dispose stops everything and aborts a request in flight', async () => {
    const t = setup(() => new Promise<Response>(() => undefined)); // a server that never answers
    await t.clock.advance(POLL_MS);
    expect(t.seen).toHaveLength(1);
    t.watcher.dispose();
    await t.watcher.whenIdle(); // resolves only because the hanging poll was aborted
    expect(t.clock.pending).toBe(0);
    await t.clock.advance(HOUR * 2);
    expect(t.seen).toHaveLength(1);
    expect(t.configs).toEqual([]);
    expect(t.expired()).toBe(0);
    expect(t.logs.filter((l) => l.startsWith('warn'))).toEqual([]); // an abort by dispose is no failure
  });

  it('logout posts the current token after stopping, bounded by its timeout', async () => {
    const t = setup((r) => (r.path === '/api/softphone/logout' ? new Promise<Response>(() => undefined) : notModified('"1-2"')));
    const done = t.watcher.logout(500);
    await settle(); // the request starts (and its timeout with it)
    await t.clock.advance(499);
    let finished = false;
    void done.then(() => {
      finished = true;
    });
    await settle();
    expect(finished).toBe(false);
    expect(t.seen).toEqual([{ method: 'POST', path: '/api/softphone/logout', authorization: `Bearer ${TOKEN}`, ifNoneMatch: undefined }]);
    await t.clock.advance(1);
    await done;
    expect(t.watcher.running).toBe(false);
  });
});
