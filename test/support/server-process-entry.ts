/**
 * Runs in a child process (node --import tsx): the real server on the port and SQLite file the
 * parent chose, so the parent can kill it (SIGKILL) and start it again on the same port with the
 * same data, the way a server restart looks to a softphone. Prints one ready line; stops on
 * SIGTERM/SIGINT or when the parent's pipe closes. See server-process.ts.
 */
import { startServer } from '../../src-server/app.js';
import { createSilentLogger } from '../../src-server/log/logger.js';
import { SERVER_READY_PREFIX, type ServerProcessReady } from './server-process-protocol.js';

async function main(): Promise<void> {
  const port = Number(process.env.PLUSPHONE_TEST_PORT);
  const dbPath = process.env.PLUSPHONE_TEST_DB;
  if (!Number.isInteger(port) || port <= 0 || !dbPath) throw new Error('PLUSPHONE_TEST_PORT and PLUSPHONE_TEST_DB are required');
  const server = await startServer({ port, dbPath, logger: createSilentLogger() });

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    server
      .close()
      .catch((error: unknown) => console.error('test server: close failed', error))
      // a process that used native WebRTC may crash at natural exit: leave explicitly
      .finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.stdin.on('end', stop);
  process.stdin.resume();

  const ready: ServerProcessReady = { httpUrl: server.httpUrl, sipWsUrl: server.sipWsUrl, port: server.port, pid: process.pid };
  process.stdout.write(`${SERVER_READY_PREFIX}${JSON.stringify(ready)}\n`);
}

main().catch((error: unknown) => {
  console.error('test server failed to start:', error);
  process.exit(1);
});
