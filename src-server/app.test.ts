import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { apiErrorSchema, loginResponseSchema, softphoneConfigSchema } from '../src-shared/provisioning/softphone-config.js';
import { startServer, type RunningServer } from './app.js';
import { createSilentLogger } from './log/logger.js';
import { DEMO_TENANT, demoId } from './store/demo-tenant.js';
import { TenantStore } from './store/tenant-store.js';

const INVALID_CREDENTIALS = 'IDまたはパスワードが正しくありません';

describe('bundled server over real HTTP', () => {
  let dir: string;
  let dbPath: string;
  let server: RunningServer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'plusphone-app-'));
    dbPath = join(dir, 'data', 'server.sqlite');
    server = await startServer({ port: 0, dbPath, logger: createSilentLogger() });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = (path: string, body: string, headers: Record<string, string> = { 'Content-Type': 'application/json' }) =>
    fetch(`${server.httpUrl}${path}`, { method: 'POST', headers, body });
  const login = (loginId: string, password: string) => post('/api/softphone/login', JSON.stringify({ loginId, password }));
  const errorOf = async (response: Response) => apiErrorSchema.parse(await response.json()).error;

  it('reports its URLs on the bound port and answers /healthz', async () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.httpUrl).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.sipWsUrl).toBe(`ws://127.0.0.1:${server.port}/sip`);
    const response = await fetch(`${server.httpUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('logs A in and returns a valid configuration with the tenant numbers plus its own direct number', async () => {
    const response = await login('05030000001', 'plus-demo-a');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = loginResponseSchema.parse(await response.json());
    const a = demoId('A');

    expect(body.config.sip).toMatchObject({
      wsUrl: server.sipWsUrl,
      uri: 'sip:05030000001@plusphone.test',
      authorizationUsername: '05030000001',
      displayName: '佐藤',
    });
    expect(body.config.sip.password).not.toBe(a.password);
    const store = TenantStore.open(dbPath);
    try {
      expect(body.config.sip.password).toBe(store.findIdentityBySipUser(a.directNumber)?.sipPassword);
    } finally {
      store.close();
    }
    expect(body.config.account).toEqual({
      loginId: '05030000001',
      tenantName: '株式会社デモ商事',
      displayName: '佐藤',
      extension: '201',
      directNumber: '05030000001',
    });
    expect(body.config.callerNumbers).toEqual([
      ...DEMO_TENANT.companyNumbers.map(({ number, label, kind }) => ({ number, label, kind })),
      { number: '05030000001', label: '直通', kind: 'direct' },
    ]);
    expect(body.config.defaultCallerNumber).toBe('0355550100');
    expect(body.config.featureCodes.parkSlots).toHaveLength(8);
    expect(body.config.dtmfMode).toBe('info');
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.expiresAt - Date.now()).toBeGreaterThan(11.9 * 3_600_000);
    expect(body.expiresAt - Date.now()).toBeLessThanOrEqual(12 * 3_600_000);
  });

  it('accepts login IDs with hyphens and full-width digits', async () => {
    const response = await login('０５０-３０００-０００２', 'plus-demo-b');
    expect(response.status).toBe(200);
    const body = loginResponseSchema.parse(await response.json());
    expect(body.config.account.displayName).toBe('鈴木');
    expect(body.config.callerNumbers.at(-1)).toEqual({ number: '05030000002', label: '直通', kind: 'direct' });
  });

  it('answers a wrong password and an unknown ID with the same 401', async () => {
    for (const [loginId, password] of [
      ['05030000003', 'plus-demo-a'],
      ['05099999999', 'plus-demo-c'],
      ['abc', 'plus-demo-c'],
    ] as const) {
      const response = await login(loginId, password);
      expect(response.status).toBe(401);
      expect(await errorOf(response)).toEqual({ code: 'invalid-credentials', message: INVALID_CREDENTIALS });
    }
  });

  it('returns the configuration again for a valid bearer token and 401 for others', async () => {
    const { token, config } = loginResponseSchema.parse(await (await login('05030000004', 'plus-demo-d')).json());
    const again = await fetch(`${server.httpUrl}/api/softphone/config`, { headers: { Authorization: `Bearer ${token}` } });
    expect(again.status).toBe(200);
    expect(softphoneConfigSchema.parse(await again.json())).toEqual(config);

    for (const authorization of [undefined, 'Bearer', `Bearer ${'A'.repeat(43)}`, `Basic ${token}`]) {
      const response = await fetch(`${server.httpUrl}/api/softphone/config`, authorization ? { headers: { Authorization: authorization } } : {});
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect((await errorOf(response)).code).toBe('unauthorized');
    }
  });

  it('refuses an expired token', async () => {
    const { token } = loginResponseSchema.parse(await (await login('05030000005', 'plus-demo-e')).json());
    const db = new Database(dbPath);
    try {
      // Age every session of E past its expiry, as 12 hours would.
      db.prepare("UPDATE sessions SET expires_at = ? WHERE id_id = (SELECT id FROM ids WHERE direct_number = '05030000005')").run(Date.now() - 1);
    } finally {
      db.close();
    }
    const response = await fetch(`${server.httpUrl}/api/softphone/config`, { headers: { Authorization: `Bearer ${token}` } });
    expect(response.status).toBe(401);
    expect((await errorOf(response)).code).toBe('unauthorized');
  });

  it('answers malformed requests with clear 4xx errors', async () => {
    const malformed = await post('/api/softphone/login', '{"loginId": "05030000001",');
    expect(malformed.status).toBe(400);
    expect(await errorOf(malformed)).toEqual({ code: 'invalid-argument', message: 'リクエストの JSON の形式が正しくありません' });

    const missing = await post('/api/softphone/login', JSON.stringify({ loginId: '05030000001' }));
    expect(missing.status).toBe(400);
    expect(await errorOf(missing)).toEqual({ code: 'invalid-argument', message: '入力内容が正しくありません（password）' });

    const notAnObject = await post('/api/softphone/login', '[1,2]');
    expect(notAnObject.status).toBe(400);
    expect((await errorOf(notAnObject)).message).toContain('リクエスト本文');

    const empty = await post('/api/softphone/login', '');
    expect(empty.status).toBe(400);

    const wrongType = await post('/api/softphone/login', JSON.stringify({ loginId: 'x', password: 'y' }), { 'Content-Type': 'text/plain' });
    expect(wrongType.status).toBe(415);
    expect((await errorOf(wrongType)).code).toBe('unsupported-media-type');
  });

  it('refuses an oversized body with 413, whether declared or streamed', async () => {
    const huge = JSON.stringify({ loginId: '05030000001', password: 'x'.repeat(100 * 1024) });
    const declared = await post('/api/softphone/login', huge);
    expect(declared.status).toBe(413);
    expect(await errorOf(declared)).toEqual({ code: 'payload-too-large', message: 'リクエストが大きすぎます（上限 64 KiB）' });

    const streamed = await rawPost(server.port, '/api/softphone/login', huge);
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body)).toMatchObject({ error: { code: 'payload-too-large' } });
  });

  it('answers unknown routes with 404 JSON and wrong methods with 405', async () => {
    const unknown = await fetch(`${server.httpUrl}/nope`);
    expect(unknown.status).toBe(404);
    expect(await errorOf(unknown)).toEqual({ code: 'not-found', message: '指定された API はありません' });

    const wrongMethod = await fetch(`${server.httpUrl}/api/softphone/login`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
  });

  it('hands /sip WebSocket upgrades to the PBX and closes other upgrade paths', async () => {
    const sip = new WebSocket(server.sipWsUrl, 'sip');
    try {
      await new Promise<void>((resolve, reject) => {
        sip.once('open', resolve);
        sip.once('error', reject);
      });
      expect(sip.protocol).toBe('sip');
      // The PBX itself answers: an unauthenticated REGISTER is challenged.
      const answer = new Promise<string>((resolve) => sip.once('message', (data: Buffer) => resolve(data.toString('utf8'))));
      sip.send(
        [
          'REGISTER sip:plusphone.test SIP/2.0',
          'Via: SIP/2.0/WS client.invalid;branch=z9hG4bKapptest1',
          'Max-Forwards: 70',
          'To: <sip:05030000001@plusphone.test>',
          'From: <sip:05030000001@plusphone.test>;tag=apptest',
          'Call-ID: app-test-register',
          'CSeq: 1 REGISTER',
          'Contact: <sip:apptest@client.invalid;transport=ws>',
          'Expires: 60',
          'Content-Length: 0',
          '',
          '',
        ].join('\r\n'),
      );
      const response = await answer;
      expect(response).toMatch(/^SIP\/2\.0 401 /);
      expect(response).toMatch(/WWW-Authenticate: Digest /i);
    } finally {
      sip.terminate();
    }

    const other = new WebSocket(`ws://127.0.0.1:${server.port}/ipc`, 'sip');
    const outcome = await new Promise<string>((resolve) => {
      other.once('open', () => resolve('open'));
      other.once('unexpected-response', (_req, res) => resolve(`status ${res.statusCode}`));
      other.once('error', () => resolve('error'));
    });
    other.terminate();
    expect(outcome).not.toBe('open');
  });

  it('shows PBX statistics', () => {
    expect(server.pbx.stats()).toEqual(
      expect.objectContaining({ registrations: expect.any(Number), calls: 0, legs: 0, peerConnections: 0 }),
    );
  });
});

describe('bundled server login rate limit', () => {
  let dir: string;
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses further attempts for a login ID after 10 failures, even with the right password', async () => {
    dir = mkdtempSync(join(tmpdir(), 'plusphone-app-throttle-'));
    server = await startServer({ port: 0, dbPath: join(dir, 'server.sqlite'), logger: createSilentLogger() });
    const login = (loginId: string, password: string) =>
      fetch(`${server?.httpUrl}/api/softphone/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ loginId, password }),
      });
    for (let attempt = 0; attempt < 10; attempt += 1) expect((await login('05030000001', 'wrong')).status).toBe(401);
    const limited = await login('05030000001', 'plus-demo-a');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toEqual({
      error: { code: 'too-many-requests', message: 'ログイン試行が多すぎます。しばらくしてからお試しください' },
    });
    // The hyphenated form is the same login ID; another ID is unaffected.
    expect((await login('050-3000-0001', 'plus-demo-a')).status).toBe(429);
    expect((await login('05030000002', 'plus-demo-b')).status).toBe(200);
  });

  // ten scrypt checks at once: seconds of CPU on a busy 2-core machine
  it('counts attempts sent in parallel: no more than 10 get a password check', { timeout: 30_000 }, async () => {
    dir = mkdtempSync(join(tmpdir(), 'plusphone-app-throttle-parallel-'));
    server = await startServer({ port: 0, dbPath: join(dir, 'server.sqlite'), logger: createSilentLogger() });
    const statuses = await Promise.all(
      Array.from({ length: 15 }, () =>
        fetch(`${server?.httpUrl}/api/softphone/login`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ loginId: '05030000004', password: 'wrong' }),
        }).then((response) => response.status),
      ),
    );
    expect(statuses.filter((status) => status === 401)).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(5);
  });

  it('closes completely: no socket answers afterwards and the database can be reopened', async () => {
    dir = mkdtempSync(join(tmpdir(), 'plusphone-app-close-'));
    const dbPath = join(dir, 'server.sqlite');
    const running = await startServer({ port: 0, dbPath, logger: createSilentLogger() });
    const keepAlive = await fetch(`${running.httpUrl}/healthz`);
    expect(keepAlive.status).toBe(200);
    await running.close();
    await running.close();
    await expect(fetch(`${running.httpUrl}/healthz`)).rejects.toThrow();
    // reopening the same file does not seed again and still has the demo tenant
    server = await startServer({ port: 0, dbPath, logger: createSilentLogger() });
    const response = await fetch(`${server.httpUrl}/api/softphone/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ loginId: '05030000003', password: 'plus-demo-c' }),
    });
    expect(response.status).toBe(200);
  });
});

/** A POST without Content-Length (chunked), so the limit is enforced while streaming. */
function rawPost(port: number, path: string, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'POST', headers: { 'Content-Type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    // write in pieces so the server sees a stream larger than its limit
    const piece = 16 * 1024;
    for (let offset = 0; offset < body.length; offset += piece) req.write(body.slice(offset, offset + piece));
    req.end();
  });
}
