import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatchRequest } from '../../src-shared/contract/dispatch.js';
import { ipcRequests } from '../../src-shared/contract/ipc-contract.js';
import type { PhoneSnapshot } from '../../src-shared/domain/phone-snapshot.js';
import type { MediaHostLink } from './media/media-host-link.js';
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

  it('logs in, reports an unreachable SIP server as failed, and logs out again', async () => {
    const port = await closedPort();
    const s = service(async () => Response.json(sampleLoginResponse(`ws://127.0.0.1:${port}/sip`)));
    s.start();
    const versions: number[] = [];
    s.onSnapshot((snapshot) => versions.push(snapshot.version));
    const result = await dispatchRequest(ipcRequests, s.handlers, 'account.login', login);
    expect(result).toMatchObject({ ok: true, value: { extension: '201', defaultCallerNumber: '0355550100' } });
    const failed = await nextSnapshot(s, (snapshot) => snapshot.registration.state === 'failed');
    expect(failed.registration.error).toEqual({ code: 'sip-unreachable', message: 'SIPサーバーに接続できません' });
    const dial = await dispatchRequest(ipcRequests, s.handlers, 'call.dial', { target: '202' });
    expect(dial).toMatchObject({ ok: false, error: { code: 'invalid-state' } });
    expect(await dispatchRequest(ipcRequests, s.handlers, 'account.logout', {})).toEqual({ ok: true, value: null });
    expect(s.getSnapshot()).toMatchObject({ account: null, registration: { state: 'loggedOut' }, lines: [] });
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
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
