import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../src-server/app.js';
import { createSilentLogger } from '../../src-server/log/logger.js';

export interface TestServer {
  server: RunningServer;
  close(): Promise<void>;
}

/** The real server on an ephemeral port with a fresh SQLite file (seeded demo tenant). */
export async function startTestServer(): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'plusphone-test-'));
  try {
    const server = await startServer({ port: 0, dbPath: join(dir, 'plusphone.sqlite'), logger: createSilentLogger() });
    return {
      server,
      async close() {
        try {
          await server.close();
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
