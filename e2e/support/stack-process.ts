/**
 * Runs in a child process of the Playwright runner (node --import tsx): the real server on a
 * free port with a fresh SQLite file, and the browser host pointed at it. Prints one ready
 * line with both URLs; stops both and exits on SIGTERM/SIGINT or when the parent goes away.
 * A child of its own because the server's native WebRTC must not share the runner's exit.
 */
import { join } from 'node:path';
import { startServer } from '../../src-server/app.js';
import { PhoneService } from '../../src-main/core/phone-service.js';
import { startBrowserHost } from '../../src-main/host/browser-host.js';
import { READY_PREFIX, type StackUrls } from './stack-protocol.js';

async function main(): Promise<void> {
  const dataDir = process.env.PLUSPHONE_E2E_DATA_DIR;
  const rendererDir = process.env.PLUSPHONE_E2E_RENDERER_DIR;
  if (!dataDir || !rendererDir) throw new Error('PLUSPHONE_E2E_DATA_DIR and PLUSPHONE_E2E_RENDERER_DIR are required');

  // the dev API places simulated inbound outside calls (loopback only), as `npm run server -- call` does
  const server = await startServer({ port: 0, dbPath: join(dataDir, 'plusphone.sqlite'), devPstnCallApi: true });
  const host = await startBrowserHost({ port: 0, serverUrl: server.httpUrl, rendererDir });
  // Same softphone, but its SIP digest secret is not the one provisioned: REGISTER must fail
  // with a clear error in the UI (the core's test seam, never used by the product).
  const wrongDigestHost = await startBrowserHost({
    port: 0,
    serverUrl: server.httpUrl,
    rendererDir,
    createPhone: (mediaHost) =>
      new PhoneService({
        mediaHost,
        adjustProvisionedConfig: (config) => ({ ...config, sip: { ...config.sip, password: 'not-the-digest-secret' } }),
      }),
  });

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    // host first: its phones unregister from the server while the server is still there
    Promise.all([host.close(), wrongDigestHost.close()])
      .then(() => server.close())
      .catch((error: unknown) => console.error('e2e stack: close failed', error))
      // a process that used native WebRTC may crash at natural exit: leave explicitly
      .finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  // the runner holds our stdin open; if it dies without telling us, do not linger
  process.stdin.on('end', stop);
  process.stdin.resume();

  process.stdout.write(`${READY_PREFIX}${JSON.stringify({ hostUrl: host.url, serverUrl: server.httpUrl, wrongDigestHostUrl: wrongDigestHost.url } satisfies StackUrls)}\n`);
}

main().catch((error: unknown) => {
  console.error('e2e stack failed to start:', error);
  process.exit(1);
});
