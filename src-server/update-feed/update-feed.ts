import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Logger } from '../log/logger.js';
import { parseByteRange } from './byte-range.js';
import { contentTypeOf } from './content-type.js';

/**
 * The update feed for electron-updater's generic provider: the files electron-builder publishes
 * (`latest.yml`, the installer `.exe`, its `.blockmap`), served read-only from one directory at
 * `/updates/`. Single byte ranges (206) are served because differential downloads and resumed
 * downloads ask for them; validators (ETag, Last-Modified) let clients poll `latest.yml` cheaply.
 * Nothing outside the directory is ever served: no `..`, no hidden files, no symlink that leaves it.
 */
export const UPDATE_FEED_PATH = '/updates/';
export const DEFAULT_UPDATE_FEED_DIR = '.data/updates';

export interface UpdateFeedOptions {
  /** the directory electron-builder's output is copied to */
  dir: string;
  logger: Logger;
}

export interface UpdateFeed {
  /** Answers the request if it is for /updates/…; false when it is not (another handler's turn). */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
}

interface FeedFile {
  path: string;
  size: number;
  mtimeMs: number;
  name: string;
}

export function createUpdateFeed(options: UpdateFeedOptions): UpdateFeed {
  const root = resolve(options.dir);
  return {
    handle(req, res) {
      const target = req.url ?? '';
      if (!target.startsWith(UPDATE_FEED_PATH)) return false;
      serve(req, res).catch((error: unknown) => {
        options.logger.error('update feed request failed', { url: target, error });
        if (!res.headersSent) sendText(res, 500, 'Internal Server Error');
        else res.destroy();
      });
      return true;
    },
  };

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') {
      sendText(res, 405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
      return;
    }
    const file = await findFile(root, req.url ?? '');
    if (!file) {
      sendText(res, 404, 'Not Found');
      return;
    }
    const etag = `"${file.size.toString(16)}-${Math.floor(file.mtimeMs).toString(16)}"`;
    const lastModified = new Date(file.mtimeMs).toUTCString();
    const headers: Record<string, string> = {
      'Content-Type': contentTypeOf(file.name),
      ETag: etag,
      'Last-Modified': lastModified,
      'Accept-Ranges': 'bytes',
      // Revalidate every time: a new latest.yml must be seen at once; the ETag keeps it cheap.
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    };
    if (notModified(req, etag, file.mtimeMs)) {
      res.writeHead(304, headers).end();
      return;
    }
    const range = rangeApplies(req, etag, lastModified) ? parseByteRange(header(req, 'range'), file.size) : { kind: 'whole' as const };
    if (range.kind === 'unsatisfiable') {
      sendText(res, 416, 'Range Not Satisfiable', { 'Content-Range': `bytes */${file.size}`, 'Accept-Ranges': 'bytes' });
      return;
    }
    const [status, start, end] = range.kind === 'range' ? [206, range.start, range.end] : [200, 0, file.size - 1];
    if (status === 206) headers['Content-Range'] = `bytes ${start}-${end}/${file.size}`;
    headers['Content-Length'] = String(Math.max(0, end - start + 1));
    res.writeHead(status, headers);
    if (method === 'HEAD' || file.size === 0) {
      res.end();
      return;
    }
    await new Promise<void>((done, fail) => {
      const stream = createReadStream(file.path, { start, end });
      stream.once('error', fail);
      res.once('close', () => {
        stream.destroy(); // the client went away mid-download
        done();
      });
      stream.pipe(res);
    });
  }
}

/** The file a request path names inside root, or undefined (missing, hidden, escaping, not a file). */
async function findFile(root: string, target: string): Promise<FeedFile | undefined> {
  let name: string;
  try {
    // URL parsing resolves dot segments: /updates/../x becomes /x, which is no feed file.
    const { pathname } = new URL(target, 'http://localhost');
    if (!pathname.startsWith(UPDATE_FEED_PATH)) return undefined;
    name = decodeURIComponent(pathname.slice(UPDATE_FEED_PATH.length));
  } catch {
    return undefined;
  }
  // One plain file name: electron-builder publishes no sub-directories for this provider.
  if (name === '' || name.startsWith('.') || /[/\\\0]/.test(name)) return undefined;
  const candidate = resolve(root, name);
  if (!inside(root, candidate)) return undefined;
  try {
    // A symlink may point anywhere: what counts is where the file really is.
    const [real, realRoot] = await Promise.all([realpath(candidate), realpath(root)]);
    if (!inside(realRoot, real)) return undefined;
    const info = await stat(real);
    if (!info.isFile()) return undefined;
    return { path: real, size: info.size, mtimeMs: info.mtimeMs, name };
  } catch {
    return undefined;
  }
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function notModified(req: IncomingMessage, etag: string, mtimeMs: number): boolean {
  const ifNoneMatch = header(req, 'if-none-match');
  if (ifNoneMatch !== undefined) return ifNoneMatch.split(',').some((tag) => stripWeak(tag.trim()) === etag || tag.trim() === '*');
  const ifModifiedSince = Date.parse(header(req, 'if-modified-since') ?? '');
  return Number.isFinite(ifModifiedSince) && Math.floor(mtimeMs / 1000) * 1000 <= ifModifiedSince;
}

/** If-Range: serve the range only if the client's copy is still this version of the file. */
function rangeApplies(req: IncomingMessage, etag: string, lastModified: string): boolean {
  const ifRange = header(req, 'if-range');
  if (ifRange === undefined) return true;
  return ifRange.trim() === etag || ifRange.trim() === lastModified;
}

function stripWeak(tag: string): string {
  return tag.startsWith('W/') ? tag.slice(2) : tag;
}

function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(text);
}
