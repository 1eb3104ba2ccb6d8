import { readFileSync } from 'node:fs';
import { FeeEstimateQueries } from './billing/fee-estimate-queries.js';
import { feeEstimateRoutes } from './billing/fee-estimate-routes.js';
import { CallLogQueries } from './call-log/call-log-queries.js';
import { createCallLogRecorder } from './call-log/call-log-recorder.js';
import { callLogRoutes } from './call-log/call-log-routes.js';
import { customerAdminRoutes } from './customer-page/customer-admin-routes.js';
import { customerAuthRoutes } from './customer-page/customer-auth-routes.js';
import { CustomerSessions } from './customer-page/customer-session.js';
import { customerWebRoutes } from './customer-page/web-routes.js';
import { ivrMenuRoutes } from './customer-page/ivr-menu-routes.js';
import { parkSettingsRoutes } from './customer-page/park-settings-routes.js';
import type { Route } from './http/route.js';
import { createConsoleLogger } from './log/console-logger.js';
import type { Logger } from './log/logger.js';
import { healthRoutes } from './http/health-routes.js';
import { listenHttp, type TlsCredentials } from './http/http-listener.js';
import { createRequestHandler } from './http/request-handler.js';
import { isLoopbackHost, serverUrls, SIP_WEBSOCKET_PATH } from './http/server-address.js';
import { routeUpgrades } from './http/upgrade-router.js';
import { pstnCallRoutes } from './dev/pstn-call-routes.js';
import { createPbx, type AudioCodecPreference, type Pbx, type PbxStats } from './pbx/index.js';
import { EMBEDDED_PBX_PROFILE } from './provisioning/embedded-pbx-profile.js';
import { SoftphoneLogin } from './provisioning/softphone-login.js';
import { softphoneRoutes } from './provisioning/softphone-routes.js';
import { SoftphoneSessions } from './provisioning/softphone-session.js';
import { seedDemoTenant } from './store/demo-seed.js';
import { TenantStore } from './store/tenant-store.js';
import { DEFAULT_DB_PATH, DEFAULT_HOST, DEFAULT_PORT } from './server-defaults.js';
import { ShutdownStack } from './shutdown-stack.js';
import { TemplateQueries } from './templates/template-queries.js';
import { templateRoutes } from './templates/template-routes.js';
import { Phonebook } from './phonebook/phonebook.js';
import { phonebookRoutes } from './phonebook/phonebook-routes.js';
import { createUpdateFeed, DEFAULT_UPDATE_FEED_DIR } from './update-feed/update-feed.js';

/**
 * The bundled server: one SQLite store, the provisioning API and the embedded PBX, all on one
 * port (HTTP, and SIP over WebSocket at /sip).
 */
export interface ServerOptions {
  /** 0 = any free port; default 7080 */
  port?: number;
  /** default 127.0.0.1; any other host needs tlsCert and tlsKey */
  host?: string;
  /** PEM certificate (chain), or the path of a file with it: serve HTTPS/WSS */
  tlsCert?: string;
  /** PEM private key, or the path of a file with it */
  tlsKey?: string;
  /** default .data/plusphone.sqlite (relative to the working directory) */
  dbPath?: string;
  /** seed the demo tenant into an empty database; default true */
  seedDemo?: boolean;
  /** default: console, warnings and errors only */
  logger?: Logger;
  /** electron-updater feed (latest.yml, installer, blockmap) served at /updates/; default .data/updates */
  updateFeedDir?: string;
  /**
   * Serve POST /api/dev/pstn-call (a simulated inbound outside call, `npm run server -- call`).
   * Unauthenticated, so honoured only when the server listens on loopback. Default false.
   */
  devPstnCallApi?: boolean;
  /** the audio codec the PBX asks for (Opus: wideband; PCMU: cheaper, more calls per core); default 'opus' */
  audioCodec?: AudioCodecPreference;
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:7080 */
  httpUrl: string;
  /** e.g. ws://127.0.0.1:7080/sip */
  sipWsUrl: string;
  port: number;
  pbx: Pick<Pbx, 'stats' | 'placeInboundCall'>;
  /** every HTTP route the server answers, in router order (the authorization test walks them all) */
  routes: readonly Pick<Route, 'method' | 'path'>[];
  /** Closes the PBX (calls, media, WebSockets), the HTTP server with all its sockets, then the database. */
  close(): Promise<void>;
}

export { DEFAULT_DB_PATH, DEFAULT_HOST, DEFAULT_PORT };
export type { PbxStats };

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? DEFAULT_HOST;
  const logger = options.logger ?? createConsoleLogger({ level: 'warn' });
  const tls = tlsCredentials(options);
  if (!tls && !isLoopbackHost(host)) {
    throw new Error(
      `Refusing to serve on ${host}: outside loopback the server needs TLS. Give a certificate and key ` +
        '(tlsCert/tlsKey, --tls-cert/--tls-key) or use a loopback host such as 127.0.0.1.',
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

    const listener = await listenHttp({ host, port: options.port ?? DEFAULT_PORT, ...(tls ? { tls } : {}) });
    openedResources.push('http', () => listener.close());
    const urls = serverUrls(host, listener.port, tls !== undefined);

    const callLog = new CallLogQueries(store.database);
    const pbx = createPbx({
      directory: store,
      logger: logger.child({ component: 'pbx' }),
      // Off loopback (only ever with TLS) the media must reach other machines too.
      mediaAddress: isLoopbackHost(host) ? 'loopback' : 'any',
      ...(options.audioCodec ? { audioCodec: options.audioCodec } : {}),
      onCallEnded: createCallLogRecorder(callLog, logger.child({ component: 'call-log' })),
    });
    // Closed before the HTTP sockets, so it can end calls and WebSockets politely.
    openedResources.push('pbx', () => pbx.close());

    const templates = new TemplateQueries(store.database);
    const login = new SoftphoneLogin({
      accounts: store,
      linkTemplates: (tenantId) => templates.templates(tenantId),
      parkSlotNames: (tenantId) => templates.parkSlotNames(tenantId),
      sipWsUrl: urls.sipWsUrl,
      profile: EMBEDDED_PBX_PROFILE,
      logger: logger.child({ component: 'provisioning' }),
    });
    const softphoneSessions = new SoftphoneSessions({ store });
    const customerSessions = new CustomerSessions({ store, logger: logger.child({ component: 'customer-page' }) });
    const authenticateCustomer = customerSessions.authenticate.bind(customerSessions);
    const phonebook = new Phonebook(store.database);
    // Before serving: building a large tenant's search index blocks for seconds.
    phonebook.buildIndexes();
    const routes: Route[] = [
      ...healthRoutes(),
      ...softphoneRoutes(login, { sessions: softphoneSessions, configVersion: (tenantId) => store.admin.configVersion(tenantId) }),
      ...customerWebRoutes(),
      ...customerAuthRoutes({
        sessions: customerSessions,
        secureCookies: tls !== undefined,
        tenantName: (tenantId) => store.admin.overview(tenantId)?.tenantName,
      }),
      ...customerAdminRoutes({ admin: store.admin, authenticateCustomer }),
      ...ivrMenuRoutes({ menus: store.ivrMenus, authenticateCustomer }),
      ...parkSettingsRoutes({ parkSettings: store.parkSettings, authenticateCustomer }),
      ...callLogRoutes({ callLog, authenticateCustomer }),
      ...feeEstimateRoutes({ fees: new FeeEstimateQueries(store.database), authenticateCustomer }),
      ...templateRoutes({
        templates,
        authenticateCustomer,
        authenticateSoftphone: softphoneSessions.authenticate.bind(softphoneSessions),
      }),
      ...phonebookRoutes({
        phonebook,
        logger: logger.child({ component: 'phonebook' }),
        authenticateCustomer,
        authenticateSoftphone: softphoneSessions.authenticate.bind(softphoneSessions),
      }),
      ...(options.devPstnCallApi && isLoopbackHost(host) ? pstnCallRoutes(pbx) : []),
    ];
    const updateFeed = createUpdateFeed({ dir: options.updateFeedDir ?? DEFAULT_UPDATE_FEED_DIR, logger: logger.child({ component: 'update-feed' }) });
    const api = createRequestHandler({ routes, logger: logger.child({ component: 'http' }) });
    listener.serve({
      // /updates/ streams files with byte ranges; everything else is the JSON API and the page.
      request: (req, res) => {
        if (!updateFeed.handle(req, res)) api(req, res);
      },
      upgrade: routeUpgrades({ [SIP_WEBSOCKET_PATH]: (req, socket, head) => pbx.handleUpgrade(req, socket, head) }),
    });
    logger.info('server listening', { httpUrl: urls.httpUrl, sipWsUrl: urls.sipWsUrl });

    let closing: Promise<void> | undefined;
    return {
      ...urls,
      port: listener.port,
      pbx: { stats: () => pbx.stats(), placeInboundCall: (from, to, options) => pbx.placeInboundCall(from, to, options) },
      routes: routes.map(({ method, path }) => ({ method, path })),
      close: () => (closing ??= openedResources.closeAll()),
    };
  } catch (error) {
    await openedResources.closeAll().catch(() => undefined);
    throw error;
  }
}

/** The TLS credentials from PEM text or file paths; undefined without both. */
function tlsCredentials(options: Pick<ServerOptions, 'tlsCert' | 'tlsKey'>): TlsCredentials | undefined {
  if (options.tlsCert === undefined && options.tlsKey === undefined) return undefined;
  if (options.tlsCert === undefined || options.tlsKey === undefined) {
    throw new Error('HTTPS needs both a certificate and a key (tlsCert and tlsKey)');
  }
  const pem = (value: string): string => (value.includes('-----BEGIN') ? value : readFileSync(value, 'utf8'));
  return { cert: pem(options.tlsCert), key: pem(options.tlsKey) };
}
