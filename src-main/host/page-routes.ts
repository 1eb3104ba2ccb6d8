import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorMessage, type Logger } from '../core/logging/logger.js';
import type { RequestGuard } from './request-guard.js';
import { setSecurityHeaders } from './security-headers.js';
import { createStaticFileHandler, MAIN_PAGE } from './static-files.js';

export interface PageRoutesOptions {
  guard: RequestGuard;
  rendererDir: string;
  /** what the login form starts with */
  defaultServerUrl: string;
  logger: Logger;
}

/** HTTP of the browser host: `/` → the main window, `/host-config.json`, the renderer build. */
export function createPageRoutes(options: PageRoutesOptions): (request: IncomingMessage, response: ServerResponse) => void {
  const serveStatic = createStaticFileHandler(options.rendererDir);
  const hostConfig = JSON.stringify({ defaultServerUrl: options.defaultServerUrl });

  const route = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    setSecurityHeaders(response);
    if (!options.guard.isAllowedHost(request.headers.host)) {
      response.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Misdirected Request');
      return;
    }
    const path = new URL(request.url ?? '/', 'http://host.invalid').pathname;
    if (path === '/') {
      response.writeHead(302, { Location: MAIN_PAGE, 'Cache-Control': 'no-store' }).end();
      return;
    }
    if (path === '/host-config.json') {
      response
        .writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' })
        .end(request.method === 'HEAD' ? undefined : hostConfig);
      return;
    }
    await serveStatic(request, response, path);
  };

  return (request, response) => {
    route(request, response).catch((error: unknown) => {
      options.logger.error('request failed', { error: errorMessage(error) });
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  };
}
