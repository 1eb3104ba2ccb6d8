import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy on loopback between a softphone and the server, so a test can cut the phone's
 * connection from the server's side of it (the phone sees its socket closed without a
 * WebSocket close frame, as when the server or a NAT drops it) while the server keeps running.
 */
export class CuttableProxy {
  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly pairs: Set<{ client: Socket; upstream: Socket }>,
  ) {}

  static async start(targetPort: number, targetHost = '127.0.0.1'): Promise<CuttableProxy> {
    const pairs = new Set<{ client: Socket; upstream: Socket }>();
    const server = createServer((client) => {
      const upstream = connect(targetPort, targetHost);
      const pair = { client, upstream };
      pairs.add(pair);
      const drop = (): void => {
        pairs.delete(pair);
        client.destroy();
        upstream.destroy();
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return new CuttableProxy(server, (server.address() as { port: number }).port, pairs);
  }

  /** connections passing through now */
  get openConnections(): number {
    return this.pairs.size;
  }

  /** Close every connection: the server's end first, then the phone's. */
  cutAll(): number {
    const count = this.pairs.size;
    for (const { client, upstream } of [...this.pairs]) {
      upstream.destroy();
      client.end();
    }
    return count;
  }

  async close(): Promise<void> {
    for (const { client, upstream } of [...this.pairs]) {
      client.destroy();
      upstream.destroy();
    }
    this.pairs.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
