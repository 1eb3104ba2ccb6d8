import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './app.js';
import { createSilentLogger } from './log/logger.js';
import { demoId } from './store/demo-tenant.js';

const fixtures = join(import.meta.dirname, '..', 'test', 'fixtures', 'tls');
const certPath = join(fixtures, 'localhost-cert.pem');
const keyPath = join(fixtures, 'localhost-key.pem');

/** POST JSON over HTTPS trusting only the test certificate. */
function postJson(url: string, body: unknown): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(body);
    const req = request(url, { method: 'POST', ca: readFileSync(certPath), headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(data);
  });
}

describe('HTTPS', () => {
  let dir: string | undefined;
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('serves HTTPS and WSS given a certificate and key (paths or PEM), and marks the page cookie Secure', async () => {
    dir = mkdtempSync(join(tmpdir(), 'plusphone-tls-'));
    server = await startServer({ port: 0, dbPath: join(dir, 'server.sqlite'), logger: createSilentLogger(), tlsCert: certPath, tlsKey: readFileSync(keyPath, 'utf8') });
    expect(server.httpUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(server.sipWsUrl).toMatch(/^wss:\/\/127\.0\.0\.1:\d+\/sip$/);
    const login = await postJson(`${server.httpUrl}/api/customer/login`, { mainNumber: demoId('A').directNumber, password: demoId('A').password });
    expect(login.status).toBe(200);
    expect(String(login.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict; Path=\/; Max-Age=\d+; Secure/);
    const softphone = await postJson(`${server.httpUrl}/api/softphone/login`, { loginId: demoId('B').directNumber, password: demoId('B').password });
    expect((JSON.parse(softphone.text) as { config: { sip: { wsUrl: string } } }).config.sip.wsUrl).toMatch(/^wss:\/\//);
  });

  it('refuses plain HTTP off loopback, and a certificate without a key', async () => {
    dir = mkdtempSync(join(tmpdir(), 'plusphone-tls-'));
    const dbPath = join(dir, 'server.sqlite');
    await expect(startServer({ port: 0, host: '0.0.0.0', dbPath, logger: createSilentLogger() })).rejects.toThrow(/needs TLS/);
    await expect(startServer({ port: 0, dbPath, logger: createSilentLogger(), tlsCert: certPath })).rejects.toThrow(/both a certificate and a key/);
  });
});
