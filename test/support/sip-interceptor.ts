import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';

/**
 * A SIP-over-WebSocket man in the middle for tests: the softphone connects here (its provisioned
 * wsUrl rewritten), every frame is passed on to the real PBX and back, and a test can
 * - see every frame (`frames`), e.g. to check that an INFO with DTMF went out and got its 200;
 * - answer one client request itself (`refuseNext`), e.g. a re-INVITE with 491 Request Pending,
 *   to play a PBX that refuses — the PBX never sees that request;
 * - rewrite what the PBX sends (`rewriteFromServer`), e.g. add a header to an INVITE.
 */
export interface InterceptedFrame {
  from: 'client' | 'server';
  text: string;
}

interface Refusal {
  matches: (text: string) => boolean;
  status: number;
  reason: string;
}

export class SipInterceptor {
  readonly frames: InterceptedFrame[] = [];
  private readonly refusals: Refusal[] = [];
  private serverRewrite: ((text: string) => string) | undefined;
  private readonly sockets = new Set<WebSocket>();
  /** Call-ID + CSeq number of requests answered here: their ACK must not reach the PBX either */
  private readonly refused = new Set<string>();

  private constructor(
    private readonly http: Server,
    private readonly wss: WebSocketServer,
    readonly url: string,
  ) {}

  static async start(upstreamUrl: string): Promise<SipInterceptor> {
    const http = createServer((_req, res) => {
      res.statusCode = 404;
      res.end();
    });
    const wss = new WebSocketServer({ noServer: true, handleProtocols: () => 'sip' });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const { port } = http.address() as AddressInfo;
    const interceptor = new SipInterceptor(http, wss, `ws://127.0.0.1:${port}/sip`);
    http.on('upgrade', (req, socket, head) => {
      wss.handleUpgrade(req, socket, head, (client) => interceptor.pipe(client, upstreamUrl));
    });
    return interceptor;
  }

  /** The next client request whose text matches is answered here with `status` and not passed on. */
  refuseNext(matches: (text: string) => boolean, status: number, reason: string): void {
    this.refusals.push({ matches, status, reason });
  }

  /** Every frame from the PBX passes through `rewrite` from now on. */
  rewriteFromServer(rewrite: (text: string) => string): void {
    this.serverRewrite = rewrite;
  }

  get pendingRefusals(): number {
    return this.refusals.length;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    this.sockets.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private pipe(client: WebSocket, upstreamUrl: string): void {
    const upstream = new WebSocket(upstreamUrl, ['sip']);
    this.sockets.add(client);
    this.sockets.add(upstream);
    const queued: string[] = [];
    upstream.on('open', () => {
      for (const text of queued.splice(0)) upstream.send(text);
    });
    client.on('message', (data: Buffer) => {
      const text = data.toString('utf8');
      this.frames.push({ from: 'client', text });
      if (text.startsWith('ACK ') && this.refused.has(transactionKey(text))) return;
      const refusal = this.refusals.find((r) => r.matches(text));
      if (refusal) {
        this.refusals.splice(this.refusals.indexOf(refusal), 1);
        this.refused.add(transactionKey(text));
        client.send(responseTo(text, refusal.status, refusal.reason));
        return;
      }
      if (upstream.readyState === WebSocket.OPEN) upstream.send(text);
      else queued.push(text);
    });
    upstream.on('message', (data: Buffer) => {
      const text = this.serverRewrite ? this.serverRewrite(data.toString('utf8')) : data.toString('utf8');
      this.frames.push({ from: 'server', text });
      if (client.readyState === WebSocket.OPEN) client.send(text);
    });
    const closeBoth = (): void => {
      client.close();
      upstream.close();
    };
    client.on('close', closeBoth);
    upstream.on('close', closeBoth);
    client.on('error', () => undefined);
    upstream.on('error', () => undefined);
  }
}

function transactionKey(request: string): string {
  const callId = /^(?:Call-ID|i)\s*:\s*(.+)$/im.exec(request)?.[1]?.trim() ?? '';
  const cseq = /^CSeq\s*:\s*(\d+)/im.exec(request)?.[1] ?? '';
  return `${callId} ${cseq}`;
}

/** A final response to a request, copying the headers RFC 3261 §8.2.6.2 says to copy (adds a To tag). */
function responseTo(request: string, status: number, reason: string): string {
  const lines = request.split('\r\n');
  const copy = (name: string): string[] => lines.filter((line) => new RegExp(`^${name}\\s*:`, 'i').test(line));
  const to = copy('To|t').map((line) => (/;tag=/i.test(line) ? line : `${line};tag=intercepted`));
  return [
    `SIP/2.0 ${status} ${reason}`,
    ...copy('Via|v'),
    ...copy('From|f'),
    ...to,
    ...copy('Call-ID|i'),
    ...copy('CSeq'),
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}
