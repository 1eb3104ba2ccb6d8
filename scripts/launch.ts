// Runs the bundled server and the softphone together until Ctrl+C. Used by `npm start`.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { startServer } from '../src-server/app.js';
import { startBrowserHost } from '../src-main/host/browser-host.js';
import { findElectronBinary } from '../src-main/electron/electron-binary.js';

const root = join(import.meta.dirname, '..');
const args = process.argv.slice(2);
const forceWeb = args.includes('--web');
const portArg = (name: string, fallback: number): number => {
  const i = args.indexOf(name);
  const value = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`${name} must be a port number`);
  return value;
};

const server = await startServer({
  port: portArg('--port', 7080),
  dbPath: join(root, '.data', 'plusphone.sqlite'),
});
console.log(`[server] provisioning API             ${server.httpUrl}`);
console.log(`[server] SIP over WebSocket            ${server.sipWsUrl}`);

let electron: ChildProcess | undefined;
let host: { url: string; close(): Promise<void> } | undefined;

const electronBinary = forceWeb ? undefined : findElectronBinary();
if (electronBinary?.ok) {
  electron = spawn(electronBinary.path, [root], {
    stdio: 'inherit',
    env: { ...process.env, PLUSPHONE_SERVER_URL: server.httpUrl },
  });
  electron.on('exit', () => void shutdown());
  console.log('[softphone] Electron started');
} else {
  if (electronBinary && !electronBinary.ok) console.log(`[softphone] Electron is not available: ${electronBinary.reason}`);
  host = await startBrowserHost({
    port: portArg('--web-port', 7081),
    host: '127.0.0.1',
    serverUrl: server.httpUrl,
    rendererDir: join(root, 'out', 'renderer'),
  });
  console.log(`[softphone] browser host: open ${host.url} in Chromium or Chrome (one tab = one softphone)`);
}
console.log('Demo logins: ID 050-3000-0001 … 050-3000-0005, passwords plus-demo-a … plus-demo-e. Ctrl+C stops.');

let stopping = false;
async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  electron?.kill();
  await host?.close();
  await server.close();
  // @roamhq/wrtc may crash during natural process teardown; leave explicitly once closed.
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
