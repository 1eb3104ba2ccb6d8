import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { errorMessage } from '../core/logging/logger.js';
import { DEFAULT_BROWSER_HOST_PORT, startBrowserHost } from './browser-host.js';
import { createConsoleLogger } from '../core/logging/console-logger.js';

/**
 * `tsx src-main/host/cli.ts [--port 7081] [--host 127.0.0.1] [--server http://127.0.0.1:7080]
 * [--renderer out/renderer]`: the softphone for a browser. Ends cleanly on SIGINT/SIGTERM.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: String(DEFAULT_BROWSER_HOST_PORT) },
      host: { type: 'string', default: '127.0.0.1' },
      server: { type: 'string', default: 'http://127.0.0.1:7080' },
      renderer: { type: 'string', default: 'out/renderer' },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid --port: ${values.port}`);

  const logger = createConsoleLogger();
  const host = await startBrowserHost({
    port,
    host: values.host,
    serverUrl: values.server,
    rendererDir: resolve(values.renderer),
    logger,
  });
  console.log(`PlusPhone browser host: ${host.url}  (server ${values.server})`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal });
    host
      .close()
      .catch((error: unknown) => logger.error('close failed', { error: errorMessage(error) }))
      // the phone cores may have touched native modules: exit explicitly rather than waiting for idle
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`browser host failed to start: ${errorMessage(error)}`);
  process.exit(1);
});
