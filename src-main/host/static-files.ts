import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { mimeTypeOf } from './mime-types.js';

/** The page a browser gets for `/`: the main window. */
export const MAIN_PAGE = '/windows/main/index.html';

/**
 * Map a URL path to a file strictly inside `root`. Rejects encoded traversal, NUL bytes,
 * backslashes and anything that resolves (also through symlinks, checked by the caller) outside.
 */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((segment) => segment.length > 0);
  if (segments.some((segment) => segment === '..' || segment === '.')) return null;
  const candidate = resolve(root, ...segments);
  const fromRoot = relative(root, candidate);
  if (fromRoot.startsWith('..') || isAbsolute(fromRoot)) return null;
  return candidate;
}

function isWithin(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

function sendPlain(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(text);
}

/** Serves the renderer build (GET/HEAD only). */
export function createStaticFileHandler(rendererDir: string) {
  const root = resolve(rendererDir);
  let realRoot: Promise<string> | undefined;

  return async (request: IncomingMessage, response: ServerResponse, urlPath: string): Promise<void> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      sendPlain(response, 405, 'Method Not Allowed');
      return;
    }
    const filePath = resolveInside(root, urlPath);
    if (!filePath) {
      sendPlain(response, 400, 'Bad Request');
      return;
    }
    try {
      realRoot ??= realpath(root);
      const [rootReal, fileReal] = await Promise.all([realRoot, realpath(filePath)]);
      const info = await stat(fileReal);
      if (!isWithin(rootReal, fileReal) || !info.isFile()) {
        sendPlain(response, 404, 'Not Found');
        return;
      }
      response.writeHead(200, {
        'Content-Type': mimeTypeOf(fileReal),
        'Content-Length': info.size,
        // hashed assets may be cached; pages must pick up a new build
        'Cache-Control': urlPath.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
      if (request.method === 'HEAD') {
        response.end();
        return;
      }
      const stream = createReadStream(fileReal);
      stream.on('error', () => response.destroy());
      stream.pipe(response);
    } catch {
      sendPlain(response, 404, 'Not Found');
    }
  };
}
