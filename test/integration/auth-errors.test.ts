import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { demoId } from '../../src-server/store/demo-tenant.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { TestSoftphone } from '../support/test-softphone.js';
import { waitFor } from '../support/wait-for.js';

/**
 * Issue 2, "done when": a wrong password at login and a wrong digest at REGISTER each give a
 * clear error the UI can show, with no crash and no hang.
 */
let server: TestServer | undefined;
const phones: TestSoftphone[] = [];

afterEach(async () => {
  await Promise.allSettled(phones.splice(0).map((phone) => phone.dispose()));
  await server?.close();
  server = undefined;
});

function softphone(options: ConstructorParameters<typeof TestSoftphone>[0] = { toneHz: 440 }): TestSoftphone {
  const phone = new TestSoftphone(options);
  phones.push(phone);
  return phone;
}

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe('authentication errors', () => {
  it('a wrong password at login comes back as unauthorized with a Japanese message', async () => {
    server = await startTestServer();
    const A = demoId('A');
    const phone = softphone();
    const result = await phone.invoke('account.login', {
      serverUrl: server.server.httpUrl,
      loginId: A.directNumber,
      password: 'not-the-password',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('unauthorized');
    expect(result.error.message).toMatch(JAPANESE);
    expect(phone.snapshot).toMatchObject({ account: null, registration: { state: 'loggedOut' } });
  });

  it('an empty password is refused by the contract before anything is sent', async () => {
    const phone = softphone();
    const result = await phone.invoke('account.login', { serverUrl: 'http://127.0.0.1:9', loginId: 'x', password: '' });
    expect(result).toEqual({ ok: false, error: { code: 'invalid-argument', message: 'password: パスワードを入力してください' } });
  });

  it('an unreachable server comes back as unavailable', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const phone = softphone();
    const result = await phone.invoke('account.login', {
      serverUrl: `http://127.0.0.1:${port}`,
      loginId: '05030000001',
      password: 'plus-demo-a',
    });
    expect(result).toEqual({ ok: false, error: { code: 'unavailable', message: 'サーバーに接続できません' } });
  });

  it('a wrong SIP digest secret fails registration clearly, once, and the phone stays usable', async () => {
    server = await startTestServer();
    const { httpUrl } = server.server;
    const B = demoId('B');
    const phone = softphone({
      toneHz: 440,
      serviceOptions: {
        adjustProvisionedConfig: (config) => ({ ...config, sip: { ...config.sip, password: `${config.sip.password}-wrong` } }),
      },
    });
    const states: string[] = [];
    phone.service.onSnapshot((s) => states.push(s.registration.state));

    const login = await phone.invoke('account.login', { serverUrl: httpUrl, loginId: B.directNumber, password: B.password });
    expect(login.ok).toBe(true);
    const failed = await phone.waitFor((s) => s.registration.state === 'failed', { description: 'registration failed' });
    expect(failed.registration.error).toEqual({ code: 'sip-auth-failed', message: 'SIP認証に失敗しました' });
    expect(states.filter((s) => s === 'registered')).toEqual([]);
    expect(server.server.pbx.stats().registrations).toBe(0);

    // no hang: intents answer at once, logout completes
    const dial = await phone.invoke('call.dial', { target: '201' });
    expect(dial).toMatchObject({ ok: false, error: { code: 'invalid-state' } });
    expect(await phone.invoke('account.logout', {})).toEqual({ ok: true, value: null });
    expect(phone.snapshot.registration.state).toBe('loggedOut');
    // the failure was reported once: connecting → failed, no retry loop in between
    expect(states.filter((s) => s === 'failed')).toHaveLength(1);

    // and a correct login on another phone still works (one failure is no lockout)
    const good = softphone();
    await good.login(httpUrl, B.directNumber, B.password);
    await waitFor(() => server!.server.pbx.stats().registrations === 1, { description: 'one registration at the PBX' });
  });
});
