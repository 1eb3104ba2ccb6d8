import { createServer, type Server } from 'node:net';
import { TransportState } from 'sip.js';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { createSilentLogger } from '../logging/logger.js';
import { createNodeSipWebSocket } from './sip-web-socket.js';
import { SipWebSocketTransport } from './sip-websocket-transport.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function sipServer(): Promise<{ url: string; sockets: WebSocket[]; protocols: string[] }> {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1', handleProtocols: (p) => (p.has('sip') ? 'sip' : false) });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const sockets: WebSocket[] = [];
  const protocols: string[] = [];
  server.on('connection', (socket) => {
    sockets.push(socket);
    protocols.push(socket.protocol);
  });
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.terminate();
        server.close(() => resolve());
      }),
  );
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('unexpected address');
  return { url: `ws://127.0.0.1:${address.port}/sip`, sockets, protocols };
}

function transport(url: string, connectTimeoutMs?: number): SipWebSocketTransport {
  const t = new SipWebSocketTransport(
    { log: () => undefined },
    { server: url, createWebSocket: createNodeSipWebSocket, logger: createSilentLogger(), connectTimeoutMs },
  );
  cleanups.push(() => t.dispose());
  return t;
}

describe('SipWebSocketTransport', () => {
  it('connects with the sip subprotocol, sends and receives, and disconnects cleanly', async () => {
    const server = await sipServer();
    const t = transport(server.url);
    const states: TransportState[] = [];
    t.stateChange.addListener((s) => states.push(s));
    const received: string[] = [];
    t.onMessage = (m) => received.push(m);
    let connects = 0;
    t.onConnect = () => connects++;
    await t.connect();
    expect(t.isConnected()).toBe(true);
    expect(t.protocol).toBe('WS');
    expect(server.protocols).toEqual(['sip']);
    const fromClient = new Promise<string>((resolve) => server.sockets[0]!.once('message', (d) => resolve(String(d))));
    await t.send('OPTIONS sip:x SIP/2.0\r\n\r\n');
    expect(await fromClient).toBe('OPTIONS sip:x SIP/2.0\r\n\r\n');
    server.sockets[0]!.send('\r\n\r\n'); // keep-alive pong: not a message
    server.sockets[0]!.send('SIP/2.0 200 OK\r\n\r\n');
    await new Promise<void>((resolve) => {
      t.onMessage = (m) => {
        received.push(m);
        resolve();
      };
    });
    expect(received).toEqual(['SIP/2.0 200 OK\r\n\r\n']);
    await t.disconnect();
    expect(states).toEqual([
      TransportState.Connecting,
      TransportState.Connected,
      TransportState.Disconnecting,
      TransportState.Disconnected,
    ]);
    expect(connects).toBe(1);
    await expect(t.send('x')).rejects.toThrow(/not connected/);
  });

  it('reports an unexpected close to onDisconnect with an error', async () => {
    const server = await sipServer();
    const t = transport(server.url);
    await t.connect();
    const lost = new Promise<Error | undefined>((resolve) => {
      t.onDisconnect = resolve;
    });
    server.sockets[0]!.close(1001, 'going away');
    expect((await lost)?.message).toMatch(/1001/);
    expect(t.state).toBe(TransportState.Disconnected);
  });

  it('rejects connect when nothing listens', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const port = (server.address() as { port: number }).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const t = transport(`ws://127.0.0.1:${port}/sip`);
    await expect(t.connect()).rejects.toThrow();
    expect(t.state).toBe(TransportState.Disconnected);
  });

  it('gives up connecting after the timeout when the server never upgrades', async () => {
    const silent: Server = createServer(() => undefined);
    const held: Array<{ destroy(): void }> = [];
    silent.on('connection', (socket) => held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          for (const socket of held) socket.destroy();
          silent.close(() => resolve());
        }),
    );
    const port = (silent.address() as { port: number }).port;
    const t = transport(`ws://127.0.0.1:${port}/sip`, 100);
    const started = Date.now();
    await expect(t.connect()).rejects.toThrow(/timed out/);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(t.state).toBe(TransportState.Disconnected);
  });
});
