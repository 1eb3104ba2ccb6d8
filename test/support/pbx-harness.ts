/**
 * The PBX alone on an ephemeral port, behind a plain HTTP server that routes /sip upgrades to it
 * (as the real server does), with the in-memory demo directory. For PBX-level tests.
 */
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { createPbx, type Pbx, type PbxOptions } from '../../src-server/pbx/index.js';
import { createDemoDirectory } from './demo-directory.js';

export interface PbxHarness {
  pbx: Pbx;
  /** ws://127.0.0.1:PORT/sip */
  sipUrl: string;
  close(): Promise<void>;
}

export async function startPbxHarness(options: Partial<PbxOptions> = {}): Promise<PbxHarness> {
  const pbx = createPbx({ directory: createDemoDirectory(), ...options });
  const server: Server = createServer((_req, res) => {
    res.statusCode = 404;
    res.end();
  });
  server.on('upgrade', (req, socket, head) => {
    if (req.url === '/sip') pbx.handleUpgrade(req, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    pbx,
    sipUrl: `ws://127.0.0.1:${port}/sip`,
    async close() {
      await pbx.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
