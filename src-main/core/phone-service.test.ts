import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatchRequest } from '../../src-shared/contract/dispatch.js';
import { ipcRequests } from '../../src-shared/contract/ipc-contract.js';
import type { PhoneSnapshot } from '../../src-shared/domain/phone-snapshot.js';
import type { MediaHostLink } from './media/media-host-link.js';
import type { SoftphoneConfig } from '../../src-shared/provisioning/softphone-config.js';
import { PhoneService } from './phone-service.js';
import { sampleLoginResponse } from './provisioning/login-response.fixture.js';

const noMedia: MediaHostLink = {
  request: () => Promise.reject(new Error('no media in this test')),
};

const services: PhoneService[] = [];
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.dispose()));
});

function service(fetchImpl?: typeof fetch): PhoneService {
  const s = new PhoneService({ mediaHost: noMedia, fetch: fetchImpl });
  services.push(s);
  return s;
}

const login = { serverUrl: 'http://127.0.0.1:9', loginId: '050-3000-0001', password: 'plus-demo-a' };

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function nextSnapshot(s: PhoneService, predicate: (snapshot: PhoneSnapshot) => boolean): Promise<PhoneSnapshot> {
  return new Promise((resolve) => {
    if (predicate(s.getSnapshot())) return resolve(s.getSnapshot());
    const off = s.onSnapshot((snapshot) => {
      if (predicate(snapshot)) {
        off();
        resolve(snapshot);
      }
    });
  });
}

describe('PhoneService without a server', () => {
  it('carries the shell’s global-shortcut report in the snapshot, for the settings view', async () => {
    const s = service();
    expect(s.getSnapshot().globalShortcuts).toBeUndefined();
    const next = nextSnapshot(s, (snapshot) => snapshot.globalShortcuts !== undefined);
    s.setGlobalShortcutReport([{ action: 'answer', accelerator: 'CommandOrControl+Alt+A', status: 'unavailable' }]);
    expect((await next).globalShortcuts).toEqual([{ action: 'answer', accelerator: 'CommandOrControl+Alt+A', status: 'unavailable' }]);
  });

  it('refuses requests before start() and after dispose()', async () => {
    const s = service();
    const before = await dispatchRequest(ipcRequests, s.handlers, 'phone.getSnapshot', {});
    expect(before.ok).toBe(true); // reading state is always allowed
    const dial = await dispatchRequest(ipcRequests, s.handlers, 'call.dial', { target: '202' });
    expect(dial).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    s.start();
    await s.dispose();
    const after = await dispatchRequest(ipcRequests, s.handlers, 'account.logout', {});
    expect(after).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('answers call intents while logged out with invalid-state in Japanese', async () => {
    const s = service();
    s.start();
    for (const [method, args] of [
      ['call.dial', { target: '202' }],
      ['call.answer', { lineId: 'line-1' }],
      ['call.hangup', { lineId: 'line-1' }],
    ] as const) {
      const result = await dispatchRequest(ipcRequests, s.handlers, method, args);
      expect(result).toEqual({ ok: false, error: { code: 'invalid-state', message: 'ログインしていません' } });
    }
  });

  it('maps a refused login to unauthorized and leaves the phone logged out', async () => {
    const s = service(async () =>
      Response.json({ error: { code: 'invalid-credentials', message: 'IDまたはパスワードが正しくありません' } }, { status: 401 }),
    );
    s.start();
    const result = await dispatchRequest(ipcRequests, s.handlers, 'account.login', login);
    expect(result).toEqual({ ok: false, error: { code: 'unauthorized', message: 'IDまたはパスワードが正しくありません' } });
    expect(s.getSnapshot()).toMatchObject({ account: null, registration: { state: 'loggedOut' } });
  });

  it('history needs a logged-in account and validates its arguments; logged out shows no missed calls', async () => {
    const s = service();
    s.start();
    expect(s.getSnapshot().missedCalls).toBe(0);
    for (const [method, args] of [
      ['history.list', {}],
      ['history.markSeen', {}],
      ['history.callback', { entryId: 1 }],
    ] as const) {
      expect(await dispatchRequest(ipcRequests, s.handlers, method, args)).toMatchObject({ ok: false, error: { code: 'invalid-state' } });
    }
    expect(await dispatchRequest(ipcRequests, s.handlers, 'history.list', { filter: 'everything' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument' },
    });
    expect(await dispatchRequest(ipcRequests, s.handlers, 'history.callback', { entryId: -1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument' },
    });
  });

  it('logs in, reports an unreachable SIP server as reconnecting (with the next retry), and logs out again', async () => {
    const port = await closedPort();
    const s = service(async () => Response.json(sampleLoginResponse(`ws://127.0.0.1:${port}/sip`)));
    s.start();
    const versions: number[] = [];
    s.onSnapshot((snapshot) => versions.push(snapshot.version));
    const result = await dispatchRequest(ipcRequests, s.handlers, 'account.login', login);
    expect(result).toMatchObject({ ok: true, value: { extension: '201', defaultCallerNumber: '0355550100' } });
    const failed = await nextSnapshot(s, (snapshot) => snapshot.registration.state === 'reconnecting');
    expect(failed.registration.error).toEqual({ code: 'sip-unreachable', message: 'SIPサーバーに接続できません' });
    expect(failed.connection).toMatchObject({ state: 'reconnecting', attempt: 1, reason: { code: 'sip-unreachable' } });
    expect(failed.connection?.nextRetryAt).toEqual(expect.any(Number));
    const dial = await dispatchRequest(ipcRequests, s.handlers, 'call.dial', { target: '202' });
    expect(dial).toMatchObject({ ok: false, error: { code: 'invalid-state' } });
    expect(await dispatchRequest(ipcRequests, s.handlers, 'account.logout', {})).toEqual({ ok: true, value: null });
    expect(s.getSnapshot()).toMatchObject({ account: null, registration: { state: 'loggedOut' }, lines: [] });
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
  });
});

describe('PhoneService: connection requests from windows', () => {
  it('network offline/online and 再接続 reach the logged-in account; logged out they are harmless or refused', async () => {
    const port = await closedPort();
    const s = service(async () => Response.json(sampleLoginResponse(`ws://127.0.0.1:${port}/sip`)));
    s.start();
    expect(await dispatchRequest(ipcRequests, s.handlers, 'connection.networkChanged', { online: false })).toEqual({ ok: true, value: null });
    expect(await dispatchRequest(ipcRequests, s.handlers, 'connection.retry', {})).toMatchObject({ ok: false, error: { code: 'invalid-state' } });
    expect(await dispatchRequest(ipcRequests, s.handlers, 'connection.networkChanged', { online: 'yes' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument' },
    });

    await dispatchRequest(ipcRequests, s.handlers, 'account.login', login);
    await nextSnapshot(s, (snapshot) => snapshot.connection?.state === 'reconnecting' && snapshot.connection.nextRetryAt !== null);
    expect(await dispatchRequest(ipcRequests, s.handlers, 'connection.networkChanged', { online: false })).toEqual({ ok: true, value: null });
    expect(s.getSnapshot().connection).toMatchObject({ state: 'offline', reason: { code: 'network-down' } });
    expect(s.getSnapshot().registration).toMatchObject({ state: 'unregistered', error: { message: 'ネットワークに接続されていません' } });
    // 再接続 while offline: an attempt at once (attempt 1, no retry time while it runs)
    expect(await dispatchRequest(ipcRequests, s.handlers, 'connection.retry', {})).toEqual({ ok: true, value: null });
    expect(s.getSnapshot().connection).toMatchObject({ state: 'reconnecting', attempt: 1, nextRetryAt: null });
  });
});

describe('PhoneService disposal', () => {
  it('aborts a login that is still waiting for the server', async () => {
    let aborted = false;
    let fetching!: () => void;
    const fetchStarted = new Promise<void>((resolve) => {
      fetching = resolve;
    });
    const s = service(
      (_input, init) =>
        new Promise<Response>((_resolve, reject) => {
          fetching();
          init?.signal?.addEventListener('abort', () => {
            aborted = true;
            reject(new DOMException('aborted', 'AbortError'));
          });
        }),
    );
    s.start();
    const pending = dispatchRequest(ipcRequests, s.handlers, 'account.login', login);
    await fetchStarted;
    await s.dispose();
    expect(aborted).toBe(true);
    expect(await pending).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });
});

describe('PhoneService: config pushed while logged in (injected fetch and timers)', () => {
  /** timers fire only when the test says so */
  function manualScheduler() {
    const timers = new Map<number, { ms: number; callback: () => void }>();
    let next = 1;
    return {
      setTimeout: (callback: () => void, ms: number) => {
        timers.set(next, { ms, callback });
        return next++;
      },
      clearTimeout: (handle: unknown) => {
        timers.delete(handle as number);
      },
      /** fire every pending timer of exactly this delay */
      fire(ms: number) {
        for (const [id, timer] of [...timers]) {
          if (timer.ms !== ms) continue;
          timers.delete(id);
          timer.callback();
        }
      },
    };
  }
  const POLL_MS = 1_234;

  /** `config` answers the poll, given the config the login returned */
  async function loggedIn(config: (loginConfig: SoftphoneConfig) => Response) {
    const port = await closedPort();
    const scheduler = manualScheduler();
    const paths: string[] = [];
    const s = new PhoneService({
      mediaHost: noMedia,
      scheduler,
      configPollIntervalMs: POLL_MS,
      fetch: (async (input: RequestInfo | URL) => {
        const path = new URL(String(input)).pathname;
        paths.push(path);
        if (path === '/api/softphone/login') return Response.json(sampleLoginResponse(`ws://127.0.0.1:${port}/sip`));
        if (path === '/api/softphone/config') return config(sampleLoginResponse(`ws://127.0.0.1:${port}/sip`).config);
        return Response.json({ ok: true });
      }) as typeof fetch,
    });
    services.push(s);
    s.start();
    const result = await dispatchRequest(ipcRequests, s.handlers, 'account.login', login);
    expect(result.ok).toBe(true);
    return { s, scheduler, paths };
  }

  it('a 200 with a new default caller number and name updates the account in the next snapshot', async () => {
    const { s, scheduler } = await loggedIn((base) =>
      Response.json(
        { ...base, defaultCallerNumber: '05030000001', account: { ...base.account, displayName: '佐藤 一郎' } },
        { headers: { ETag: '"5-1"' } },
      ),
    );
    const before = s.getSnapshot().version;
    const updated = nextSnapshot(s, (snap) => snap.account?.defaultCallerNumber === '05030000001');
    scheduler.fire(POLL_MS);
    const snapshot = await updated;
    expect(snapshot.version).toBeGreaterThan(before);
    expect(snapshot.account).toMatchObject({ displayName: '佐藤 一郎', defaultCallerNumber: '05030000001' });
    expect(snapshot.registration.error?.code).not.toBe('relogin-required');
  });

  it('a changed SIP secret is not applied under the running endpoint: relogin-required', async () => {
    const { s, scheduler } = await loggedIn((base) =>
      Response.json({ ...base, sip: { ...base.sip, password: 'rotated' } }, { headers: { ETag: '"6-1"' } }),
    );
    const flagged = nextSnapshot(s, (snap) => snap.registration.error?.code === 'relogin-required');
    scheduler.fire(POLL_MS);
    expect((await flagged).registration.error?.message).toBe('接続設定が変更されました。再度ログインしてください');
  });

  it('401 on the config poll: login expired in Japanese, dial refused; logout still revokes first', async () => {
    const { s, scheduler, paths } = await loggedIn(() => Response.json({ error: { code: 'unauthorized', message: 'x' } }, { status: 401 }));
    const expired = nextSnapshot(s, (snap) => snap.registration.error?.code === 'login-expired');
    scheduler.fire(POLL_MS);
    expect((await expired).registration).toEqual({
      state: 'failed',
      error: { code: 'login-expired', message: 'ログインの有効期限が切れました。再度ログインしてください' },
    });
    const dial = await dispatchRequest(ipcRequests, s.handlers, 'call.dial', { target: '202' });
    expect(dial).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    await dispatchRequest(ipcRequests, s.handlers, 'account.logout', {});
    // (the Web電話帳 sync after login asks its own endpoint; not what this test is about)
    expect(paths.filter((path) => !path.startsWith('/api/softphone/phonebook/'))).toEqual(['/api/softphone/login', '/api/softphone/config', '/api/softphone/logout']);
    expect(s.getSnapshot().registration.state).toBe('loggedOut');
  });

  it('waking up checks the login at once (its timers slept too): an expired token shows without waiting for a poll', async () => {
    const { s, paths } = await loggedIn(() => Response.json({ error: { code: 'unauthorized', message: 'x' } }, { status: 401 }));
    const expired = nextSnapshot(s, (snap) => snap.registration.error?.code === 'login-expired');
    s.systemEvent('suspend');
    expect(s.getSnapshot().connection).toMatchObject({ state: 'offline', reason: { code: 'suspended' } });
    s.systemEvent('resume'); // no poll timer fired: only the wake-up asks
    expect((await expired).registration.error?.message).toBe('ログインの有効期限が切れました。再度ログインしてください');
    expect(paths).toContain('/api/softphone/config');
  });
});
