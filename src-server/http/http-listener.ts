import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';

export interface HttpHandlers {
  request(req: IncomingMessage, res: ServerResponse): void;
  /** WebSocket and other upgrades; the handler owns (and must end or keep) the socket */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
}

/** PEM certificate chain and private key. */
export interface TlsCredentials {
  cert: string | Buffer;
  key: string | Buffer;
}

export interface HttpListener {
  readonly port: number;
  /** Attaches the handlers; call once, right after listening (see listenHttp). */
  serve(handlers: HttpHandlers): void;
  /** Stops accepting, destroys every open socket (upgraded ones too) and waits until closed. */
  close(): Promise<void>;
}

/**
 * Binds an HTTP (or, given TLS credentials, HTTPS) server to host:port. Handlers are attached afterwards because they need
 * the bound port (for the URLs they hand out); `serve` is called in the same turn that this
 * promise resolves in, before any connection can be read.
 */
export async function listenHttp(options: { host: string; port: number; tls?: TlsCredentials }): Promise<HttpListener> {
  const timeouts = { requestTimeout: 30_000, headersTimeout: 15_000 };
  // With a certificate and key: HTTPS (and WSS on the same port); the caller refuses plain HTTP off loopback.
  const server: Server = options.tls ? createHttpsServer({ ...timeouts, cert: options.tls.cert, key: options.tls.key }) : createServer(timeouts);
  const sockets = new Set<Socket>();
  const onConnection = (socket: Socket): void => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  server.on('connection', onConnection);

  await listen(server, options);
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('HTTP server has no TCP address');

  let closing: Promise<void> | undefined;
  let served = false;
  return {
    port: address.port,
    serve(handlers) {
      if (served) throw new Error('HTTP handlers are already attached');
      served = true;
      server.on('request', handlers.request);
      server.on('upgrade', handlers.upgrade);
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => {
          server.off('connection', onConnection);
          resolve();
        });
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}

function listen(server: Server, options: { host: string; port: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(options.port, options.host);
  });
}
