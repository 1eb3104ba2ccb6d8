import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileSecretStore } from '../../src-main/core/secrets/file-secret-store.js';
import { demoId } from '../../src-server/store/demo-tenant.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { TestSoftphone } from '../support/test-softphone.js';

/**
 * Issue 5 point 9: the login token goes to the injected secret store, the password only when
 * asked; a new core on the same store logs in by itself (account.resume at start); logout
 * forgets; an expired token falls back to a remembered password.
 */
let server: TestServer | undefined;
const phones: TestSoftphone[] = [];
const dirs: string[] = [];

afterEach(async () => {
  await Promise.allSettled(phones.splice(0).map((phone) => phone.dispose()));
  await server?.close();
  server = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function secretStore(): { path: string; store: () => FileSecretStore } {
  const dir = mkdtempSync(join(tmpdir(), 'plusphone-resume-'));
  dirs.push(dir);
  const path = join(dir, 'secrets.json');
  return { path, store: () => new FileSecretStore({ path }) };
}

function softphone(store: FileSecretStore, resumeAtStart = false): TestSoftphone {
  const phone = new TestSoftphone({ toneHz: 440, serviceOptions: { secretStore: store, resumeAtStart } });
  phones.push(phone);
  return phone;
}

async function configStatus(httpUrl: string, token: string): Promise<number> {
  const response = await fetch(new URL('/api/softphone/config', httpUrl), { headers: { authorization: `Bearer ${token}` } });
  await response.arrayBuffer();
  return response.status;
}

describe('remembered login', () => {
  it('a restarted core resumes with the stored token, which is then rotated; logout forgets it', async () => {
    server = await startTestServer();
    const { httpUrl } = server.server;
    const A = demoId('A');
    const secrets = secretStore();

    const first = softphone(secrets.store());
    await first.call('account.login', { serverUrl: httpUrl, loginId: A.directNumber, password: A.password });
    await first.waitFor((s) => s.registration.state === 'registered');
    const stored = JSON.parse((await secrets.store().get('login.session'))!) as { token: string; loginId: string; serverUrl: string };
    expect(stored).toMatchObject({ loginId: A.directNumber, serverUrl: httpUrl });
    expect(await secrets.store().get('login.password')).toBeNull();
    // closing the app keeps the session on the server (only logout revokes it)
    await first.dispose();
    expect(await configStatus(httpUrl, stored.token)).toBe(200);

    const second = softphone(secrets.store(), true);
    const resumed = await second.waitFor((s) => s.registration.state === 'registered', { timeoutMs: 15_000 });
    expect(resumed.account?.loginId).toBe(A.directNumber);
    const rotated = JSON.parse((await secrets.store().get('login.session'))!) as { token: string };
    expect(rotated.token).not.toBe(stored.token);
    expect(await configStatus(httpUrl, stored.token)).toBe(401);
    expect(await second.call('account.resume', {})).toMatchObject({ loginId: A.directNumber });

    await second.call('account.logout', {});
    expect(await secrets.store().get('login.session')).toBeNull();
    expect(await configStatus(httpUrl, rotated.token)).toBe(401);
    expect(await second.call('account.resume', {})).toBeNull();
  });

  it('an expired token falls back to the password remembered on request; without one resume says null', async () => {
    server = await startTestServer();
    const { httpUrl } = server.server;
    const B = demoId('B');
    const secrets = secretStore();

    const first = softphone(secrets.store());
    await first.call('account.login', { serverUrl: httpUrl, loginId: B.directNumber, password: B.password, remember: true });
    expect(await secrets.store().get('login.password')).toBe(B.password);
    await first.dispose();
    const session = JSON.parse((await secrets.store().get('login.session'))!) as Record<string, string>;
    await secrets.store().set('login.session', JSON.stringify({ ...session, token: 'revoked-or-expired-token-0000' }));

    const second = softphone(secrets.store());
    expect(await second.call('account.resume', {})).toMatchObject({ loginId: B.directNumber });
    await second.waitFor((s) => s.registration.state === 'registered');
    expect(JSON.parse((await secrets.store().get('login.session'))!).token).not.toBe('revoked-or-expired-token-0000');
    await second.dispose();

    // no password kept: the same situation shows the login form (null), and the dead token is gone
    const current = JSON.parse((await secrets.store().get('login.session'))!) as Record<string, string>;
    await secrets.store().delete('login.password');
    await secrets.store().set('login.session', JSON.stringify({ ...current, token: 'revoked-or-expired-token-0000' }));
    const third = softphone(secrets.store());
    expect(await third.call('account.resume', {})).toBeNull();
    expect(await secrets.store().get('login.session')).toBeNull();
    expect(third.snapshot.registration.state).toBe('loggedOut');
  });
});
