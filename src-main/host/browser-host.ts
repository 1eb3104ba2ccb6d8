import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { MAX_WIRE_MESSAGE_BYTES } from '../../src-shared/contract/wire.js';
import { createSilentLogger, errorMessage, type Logger } from '../core/logging/logger.js';
import { PhoneService } from '../core/phone-service.js';
import type { HostedPhoneFactory } from './hosted-phone.js';
import { IpcConnection } from './ipc-connection.js';
import { createPageRoutes } from './page-routes.js';
import { createRequestGuard } from './request-guard.js';

export interface BrowserHostOptions {
  /** 0 = any free port; default 7081 */
  port?: number;
  /** default 127.0.0.1: the host drives a phone, keep it on this PC unless asked otherwise */
  host?: string;
  /** the PlusPhone server the login form starts with */
  serverUrl: string;
  /** the renderer build (out/renderer) */
  rendererDir: string;
  logger?: Logger;
  /** how a page's phone is made; default: a PhoneService whose media host is the page */
  createPhone?: HostedPhoneFactory;
  mediaRequestTimeoutMs?: number;
}

export interface RunningBrowserHost {
  /** http://host:port/ (redirects to the main window) */
  url: string;
  port: number;
  /** Disposes every page's phone (hang up, unregister), then closes sockets and the port. */
  close(): Promise<void>;
}

export const DEFAULT_BROWSER_HOST_PORT = 7081;
export const IPC_PATH = '/ipc';

function checkedServerUrl(serverUrl: string): string {
  const url = new URL(serverUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`serverUrl must be http(s): ${serverUrl}`);
  return url.toString().replace(/\/$/, '');
}

function rejectUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * The softphone without Electron: the phone core runs here in Node, the renderer is served to
 * a browser, and each page connects back over one WebSocket (`/ipc`) that carries the
 * contract both ways. One phone per page. Used for development and the e2e tests.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<RunningBrowserHost> {
  const logger = options.logger ?? createSilentLogger();
  const listenHost = options.host ?? '127.0.0.1';
  const defaultServerUrl = checkedServerUrl(options.serverUrl);
  const createPhone: HostedPhoneFactory =
    options.createPhone ?? ((mediaHost) => new PhoneService({ mediaHost, logger: logger.child({ component: 'phone' }) }));
  const connections = new Set<IpcConnection>();
  let closing: Promise<void> | undefined;

  // Listen first: the allowed Host and Origin name the actual port (0 picks one). Handlers are
  // attached before the event loop can deliver the first request.
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_BROWSER_HOST_PORT, listenHost, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const guard = createRequestGuard(listenHost, port);
  server.on('request', createPageRoutes({ guard, rendererDir: options.rendererDir, defaultServerUrl, logger }));

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_WIRE_MESSAGE_BYTES });
  server.on('upgrade', (request, socket, head) => {
    const path = new URL(request.url ?? '/', 'http://host.invalid').pathname;
    if (path !== IPC_PATH) return rejectUpgrade(socket, 404, 'Not Found');
    if (closing) return rejectUpgrade(socket, 503, 'Service Unavailable');
    if (!guard.isAllowedOrigin(request.headers.origin, request.headers.host)) {
      logger.warn('refused a WebSocket from another origin', { origin: request.headers.origin ?? null });
      return rejectUpgrade(socket, 403, 'Forbidden');
    }
    sockets.handleUpgrade(request, socket, head, (webSocket) => {
      try {
        const connection = new IpcConnection(webSocket, createPhone, logger.child({ component: 'ipc' }), options.mediaRequestTimeoutMs);
        connections.add(connection);
        webSocket.once('close', () => void connection.dispose().finally(() => connections.delete(connection)));
      } catch (error) {
        logger.error('could not start a phone for a page', { error: errorMessage(error) });
        webSocket.close(1011, 'internal error');
      }
    });
  });

  const urlHost = listenHost.includes(':') ? `[${listenHost}]` : listenHost;
  const url = `http://${urlHost}:${port}/`;
  logger.info('browser host listening', { url });

  return {
    url,
    port,
    close: () => {
      closing ??= (async () => {
        await Promise.all([...connections].map((connection) => connection.dispose()));
        connections.clear();
        for (const client of sockets.clients) client.terminate();
        await new Promise<void>((resolve) => sockets.close(() => resolve()));
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      })();
      return closing;
    },
  };
}
