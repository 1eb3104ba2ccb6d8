import { createConsoleLogger } from './log/console-logger.js';
import type { Logger } from './log/logger.js';
import { healthRoutes } from './http/health-routes.js';
import { listenHttp } from './http/http-listener.js';
import { createRequestHandler } from './http/request-handler.js';
import { isLoopbackHost, serverUrls, SIP_WEBSOCKET_PATH } from './http/server-address.js';
import { routeUpgrades } from './http/upgrade-router.js';
import { createPbx, type PbxStats } from './pbx/index.js';
import { EMBEDDED_PBX_PROFILE } from './provisioning/embedded-pbx-profile.js';
import { SoftphoneLogin } from './provisioning/softphone-login.js';
import { softphoneRoutes } from './provisioning/softphone-routes.js';
import { seedDemoTenant } from './store/demo-seed.js';
import { TenantStore } from './store/tenant-store.js';
import { DEFAULT_DB_PATH, DEFAULT_HOST, DEFAULT_PORT } from './server-defaults.js';
import { ShutdownStack } from './shutdown-stack.js';

/**
 * The bundled server: one SQLite store, the provisioning API and the embedded PBX, all on one
 * port (HTTP, and SIP over WebSocket at /sip).
 */
export interface ServerOptions {
  /** 0 = any free port; default 7080 */
  port?: number;
  /** default 127.0.0.1; only loopback hosts until TLS arrives */
  host?: string;
  /** default .data/plusphone.sqlite (relative to the working directory) */
  dbPath?: string;
  /** seed the demo tenant into an empty database; default true */
  seedDemo?: boolean;
  /** default: console, warnings and errors only */
  logger?: Logger;
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:7080 */
  httpUrl: string;
  /** e.g. ws://127.0.0.1:7080/sip */
  sipWsUrl: string;
  port: number;
  pbx: { stats(): PbxStats };
  /** Closes the PBX (calls, media, WebSockets), the HTTP server with all its sockets, then the database. */
  close(): Promise<void>;
}

export { DEFAULT_DB_PATH, DEFAULT_HOST, DEFAULT_PORT };
export type { PbxStats };

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? DEFAULT_HOST;
  const logger = options.logger ?? createConsoleLogger({ level: 'warn' });
  if (!isLoopbackHost(host)) {
    throw new Error(
      `Refusing to serve on ${host}: outside loopback the server needs TLS (a certificate and key), ` +
        'and HTTPS/WSS support comes in a later issue. Use a loopback host such as 127.0.0.1.',
    );
  }

  // Everything opened so far, closed in reverse order: on a failed start and on close().
  const openedResources = new ShutdownStack(logger);
  try {
    const store = TenantStore.open(options.dbPath ?? DEFAULT_DB_PATH);
    openedResources.push('database', () => store.close());
    if (options.seedDemo ?? true) {
      const seeded = await seedDemoTenant(store);
      if (!seeded.ok) throw new Error(`demo tenant could not be seeded: ${seeded.error.message}`);
      if (seeded.value === 'seeded') logger.info('demo tenant seeded');
    }

    const listener = await listenHttp({ host, port: options.port ?? DEFAULT_PORT });
    openedResources.push('http', () => listener.close());
    const urls = serverUrls(host, listener.port);

    const pbx = createPbx({ directory: store, logger: logger.child({ component: 'pbx' }), mediaAddress: 'loopback' });
    // Closed before the HTTP sockets, so it can end calls and WebSockets politely.
    openedResources.push('pbx', () => pbx.close());

    const login = new SoftphoneLogin({
      accounts: store,
      sipWsUrl: urls.sipWsUrl,
      profile: EMBEDDED_PBX_PROFILE,
      logger: logger.child({ component: 'provisioning' }),
    });
    listener.serve({
      request: createRequestHandler({
        routes: [...healthRoutes(), ...softphoneRoutes(login)],
        logger: logger.child({ component: 'http' }),
      }),
      upgrade: routeUpgrades({ [SIP_WEBSOCKET_PATH]: (req, socket, head) => pbx.handleUpgrade(req, socket, head) }),
    });
    logger.info('server listening', { httpUrl: urls.httpUrl, sipWsUrl: urls.sipWsUrl });

    let closing: Promise<void> | undefined;
    return {
      ...urls,
      port: listener.port,
      pbx: { stats: () => pbx.stats() },
      close: () => (closing ??= openedResources.closeAll()),
    };
  } catch (error) {
    await openedResources.closeAll().catch(() => undefined);
    throw error;
  }
}
