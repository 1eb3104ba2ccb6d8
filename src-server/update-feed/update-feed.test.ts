import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenHttp, type HttpListener } from '../http/http-listener.js';
import { createSilentLogger } from '../log/logger.js';
import { createUpdateFeed } from './update-feed.js';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

describe('update feed at /updates/', () => {
  let dir: string;
  let listener: HttpListener;
  const installer = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
  const latestYml = 'version: 1.2.3\npath: PlusPhone Setup 1.2.3.exe\n';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'plusphone-updates-'));
    const feedDir = join(dir, 'updates');
    mkdirSync(feedDir);
    writeFileSync(join(feedDir, 'latest.yml'), latestYml);
    writeFileSync(join(feedDir, 'PlusPhone Setup 1.2.3.exe'), installer);
    writeFileSync(join(feedDir, 'PlusPhone Setup 1.2.3.exe.blockmap'), Buffer.from([1, 2, 3]));
    writeFileSync(join(feedDir, '.hidden'), 'secret');
    writeFileSync(join(dir, 'secret.txt'), 'outside the feed');
    mkdirSync(join(feedDir, 'sub'));
    symlinkSync(join(dir, 'secret.txt'), join(feedDir, 'escape.txt'));
    listener = await listenHttp({ host: '127.0.0.1', port: 0 });
    const feed = createUpdateFeed({ dir: feedDir, logger: createSilentLogger() });
    listener.serve({
      request: (req, res) => {
        if (!feed.handle(req, res)) res.writeHead(418).end();
      },
      upgrade: (_req, socket) => socket.destroy(),
    });
  });
  afterAll(async () => {
    await listener.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Raw HTTP, so paths like /updates/../x reach the server as written (fetch would normalise them). */
  const send = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
    new Promise<RawResponse>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: listener.port, path, method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
  const exe = '/updates/PlusPhone%20Setup%201.2.3.exe';

  it('serves latest.yml with its type, validators and no-cache', async () => {
    const response = await send('/updates/latest.yml?noCache=1a2b');
    expect(response.status).toBe(200);
    expect(response.body.toString('utf8')).toBe(latestYml);
    expect(response.headers['content-type']).toBe('text/yaml; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers.etag).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    expect(Date.parse(String(response.headers['last-modified']))).not.toBeNaN();
  });

  it('serves the whole installer and its blockmap', async () => {
    const response = await send(exe);
    expect(response.status).toBe(200);
    expect(response.body.equals(installer)).toBe(true);
    expect(response.headers).toMatchObject({
      'content-type': 'application/vnd.microsoft.portable-executable',
      'content-length': '1000',
      'accept-ranges': 'bytes',
    });
    const blockmap = await send('/updates/PlusPhone%20Setup%201.2.3.exe.blockmap');
    expect(blockmap.headers['content-type']).toBe('application/octet-stream');
    expect([...blockmap.body]).toEqual([1, 2, 3]);
  });

  it.each([
    ['bytes=0-99', 0, 99],
    ['bytes=100-', 100, 999],
    ['bytes=-50', 950, 999],
  ])('Range %s → 206 with exactly those bytes', async (range, start, end) => {
    const response = await send(exe, { Range: range });
    expect(response.status).toBe(206);
    expect(response.headers['content-range']).toBe(`bytes ${start}-${end}/1000`);
    expect(response.headers['content-length']).toBe(String(end - start + 1));
    expect(response.body.equals(installer.subarray(start, end + 1))).toBe(true);
  });

  it('answers a range past the end with 416 and the size', async () => {
    const response = await send(exe, { Range: 'bytes=1000-2000' });
    expect(response.status).toBe(416);
    expect(response.headers['content-range']).toBe('bytes */1000');
  });

  it('ignores a range whose If-Range no longer matches (the file changed): whole file', async () => {
    const response = await send(exe, { Range: 'bytes=0-9', 'If-Range': '"stale-etag"' });
    expect(response.status).toBe(200);
    expect(response.body.length).toBe(1000);
    const { headers } = await send(exe, { Range: 'bytes=0-9' });
    expect((await send(exe, { Range: 'bytes=0-9', 'If-Range': String(headers.etag) })).status).toBe(206);
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const first = await send('/updates/latest.yml');
    const again = await send('/updates/latest.yml', { 'If-None-Match': String(first.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const response = await send(exe, {}, 'HEAD');
    expect(response.status).toBe(200);
    expect(response.headers['content-length']).toBe('1000');
    expect(response.body.length).toBe(0);
    expect((await send(exe, {}, 'POST')).status).toBe(405);
  });

  it.each([
    '/updates/missing.exe',
    '/updates/',
    '/updates/../secret.txt',
    '/updates/..%2fsecret.txt',
    '/updates/%2e%2e%2fsecret.txt',
    '/updates/..%5csecret.txt',
    '/updates/%2e%2e/secret.txt',
    '/updates/.hidden',
    '/updates/sub',
    '/updates/escape.txt',
    '/updates/latest.yml%00.exe',
    '/updates/%E5',
  ])('%s → 404, never a file outside the feed', async (path) => {
    const response = await send(path);
    expect(response.status).toBe(404);
    expect(response.body.toString('utf8')).not.toContain('outside the feed');
  });

  it('leaves other paths to the next handler', async () => {
    expect((await send('/api/softphone/config')).status).toBe(418);
    expect((await send('/updatesX/latest.yml')).status).toBe(418);
  });
});
