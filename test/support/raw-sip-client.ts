/**
 * A small raw SIP-over-WebSocket client for PBX tests: it writes requests by hand (so the PBX is
 * checked against text we control, not against its own serializer), parses what arrives, and
 * lets a test wait for the message it expects. Digest answers use the PBX's digest module.
 */
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { computeDigestResponse, parseAuthParams, type DigestAlgorithm } from '../../src-server/pbx/auth/digest.js';
import { silentLogger } from '../../src-server/pbx/logger.js';
import { type SipRequest, type SipResponse } from '../../src-server/pbx/sip/message.js';
import { createSipParser } from '../../src-server/pbx/sip/parse.js';
import { serializeResponse } from '../../src-server/pbx/sip/serialize.js';

export const DOMAIN = 'plusphone.test';

export interface SipAccount {
  user: string;
  password: string;
}

export type SipMessage = SipRequest | SipResponse;

const token = (bytes = 6): string => randomBytes(bytes).toString('hex');

interface Waiter {
  predicate: (message: SipMessage) => boolean;
  resolve: (message: SipMessage) => void;
}

export interface RequestSpec {
  method: string;
  requestUri: string;
  from: string;
  to: string;
  callId: string;
  cseq: number;
  branch?: string;
  headers?: string[];
  body?: string;
  contentType?: string;
  withContact?: boolean;
}

export class RawSipClient {
  readonly host = `${token()}.invalid`;
  readonly contactUri = `sip:${token(4)}@${this.host};transport=ws`;
  /** every message received, in order (also the consumed ones) */
  readonly log: SipMessage[] = [];
  private readonly inbox: SipMessage[] = [];
  private readonly waiters = new Set<Waiter>();
  private readonly frameListeners = new Set<(text: string) => void>();
  private readonly parser = createSipParser(silentLogger);
  closeCode: number | undefined;
  private readonly closed: Promise<void>;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => this.receive(data));
    this.closed = new Promise((resolve) =>
      ws.once('close', (code) => {
        this.closeCode = code;
        resolve();
      }),
    );
    ws.on('error', () => undefined);
  }

  static async connect(url: string, protocols: string[] = ['sip']): Promise<RawSipClient> {
    const ws = new WebSocket(url, protocols);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    });
    return new RawSipClient(ws);
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  get whenClosed(): Promise<void> {
    return this.closed;
  }

  send(data: string | Buffer): void {
    this.ws.send(data);
  }

  /** Bytes in a text frame, valid UTF-8 or not (a hostile client may send anything). */
  sendAsText(data: Buffer): void {
    this.ws.send(data, { binary: false });
  }

  /** Bytes not yet handed to the network: lets a flood go "as fast as the socket takes it". */
  get bufferedAmount(): number {
    return this.ws.bufferedAmount;
  }

  /** The first message (already received or still to come) that matches; it is consumed. */
  next(predicate: (message: SipMessage) => boolean, description: string, timeoutMs = 5000): Promise<SipMessage> {
    const index = this.inbox.findIndex(predicate);
    if (index >= 0) return Promise.resolve(this.inbox.splice(index, 1)[0] as SipMessage);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve: (message) => {
          clearTimeout(timer);
          resolve(message);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${description}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  async nextResponse(callId: string, method: string, minStatus = 100, timeoutMs = 5000): Promise<SipResponse> {
    const message = await this.next(
      (m) => m.kind === 'response' && m.callId === callId && m.cseqMethod === method && m.status >= minStatus,
      `${method} response ≥ ${minStatus}`,
      timeoutMs,
    );
    return message as SipResponse;
  }

  async nextRequest(method: string, callId?: string, timeoutMs = 5000): Promise<SipRequest> {
    const message = await this.next(
      (m) => m.kind === 'request' && m.method === method && (callId === undefined || m.callId === callId),
      `${method} request`,
      timeoutMs,
    );
    return message as SipRequest;
  }

  /** The next WebSocket message as text, whatever it is (keep-alive pongs included). */
  nextFrame(timeoutMs = 5000): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.frameListeners.delete(listener);
        reject(new Error('timed out waiting for a frame'));
      }, timeoutMs);
      const listener = (text: string): void => {
        clearTimeout(timer);
        this.frameListeners.delete(listener);
        resolve(text);
      };
      this.frameListeners.add(listener);
    });
  }

  /** Messages that arrived and nobody consumed. */
  pending(): SipMessage[] {
    return [...this.inbox];
  }

  buildRequest(spec: RequestSpec): { text: string; branch: string } {
    const branch = spec.branch ?? `z9hG4bK${token(8)}`;
    const lines = [
      `${spec.method} ${spec.requestUri} SIP/2.0`,
      `Via: SIP/2.0/WSS ${this.host};branch=${branch}`,
      'Max-Forwards: 70',
      `From: ${spec.from}`,
      `To: ${spec.to}`,
      `Call-ID: ${spec.callId}`,
      `CSeq: ${spec.cseq} ${spec.method}`,
    ];
    if (spec.withContact) lines.push(`Contact: <${this.contactUri}>`);
    lines.push(...(spec.headers ?? []));
    const body = spec.body ?? '';
    if (body) lines.push(`Content-Type: ${spec.contentType ?? 'application/sdp'}`);
    lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
    return { text: `${lines.join('\r\n')}\r\n\r\n${body}`, branch };
  }

  /** Answer a request the PBX sent us. */
  reply(request: SipRequest, status: number, options: { toTag?: string; headers?: Array<[string, string]>; sdp?: string; reason?: string } = {}): void {
    const headers: Array<[string, string]> = [...(options.headers ?? [])];
    if (status >= 200 && status < 300 && request.method === 'INVITE') headers.push(['Contact', `<${this.contactUri}>`]);
    this.send(
      serializeResponse(request.basis, {
        status,
        reason: options.reason,
        toTag: options.toTag,
        headers,
        body: options.sdp ? { contentType: 'application/sdp', content: options.sdp } : undefined,
      }),
    );
  }

  /** REGISTER, answering one 401 challenge with `algorithm` (MD5 by default). Returns the final response. */
  async register(
    account: SipAccount,
    options: { expires?: number; algorithm?: DigestAlgorithm; aor?: string; callId?: string; cseq?: number } = {},
  ): Promise<{ challenge: SipResponse | undefined; final: SipResponse }> {
    const callId = options.callId ?? `${token()}@${this.host}`;
    let cseq = options.cseq ?? 1;
    const aor = `<sip:${options.aor ?? account.user}@${DOMAIN}>`;
    const tag = token(4);
    const send = (authorization?: string): void => {
      const headers = [`Expires: ${options.expires ?? 600}`];
      if (authorization) headers.push(`Authorization: ${authorization}`);
      this.send(
        this.buildRequest({
          method: 'REGISTER',
          requestUri: `sip:${DOMAIN}`,
          from: `${aor};tag=${tag}`,
          to: aor,
          callId,
          cseq,
          headers,
          withContact: true,
        }).text,
      );
    };
    send();
    const first = await this.nextResponse(callId, 'REGISTER', 200);
    if (first.status !== 401) return { challenge: undefined, final: first };
    cseq += 1;
    send(authorizationFor(first, 'www-authenticate', account, 'REGISTER', `sip:${DOMAIN}`, options.algorithm ?? 'MD5'));
    return { challenge: first, final: await this.nextResponse(callId, 'REGISTER', 200) };
  }

  /** Start a call: INVITE with our offer (and any extra header lines), answering the 407 challenge. */
  async invite(account: SipAccount, dialled: string, sdp: string, headers: string[] = []): Promise<OutgoingCall> {
    const call = new OutgoingCall(this, account, dialled);
    await call.start(sdp, headers);
    return call;
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close();
    await this.closed;
  }

  /** Drop the connection without a closing handshake (a crashed client). */
  async kill(): Promise<void> {
    this.ws.terminate();
    await this.closed;
  }

  private receive(data: Buffer): void {
    for (const listener of [...this.frameListeners]) listener(data.toString('utf8'));
    const parsed = this.parser.parse(data);
    if (parsed.kind !== 'request' && parsed.kind !== 'response') return;
    this.log.push(parsed);
    for (const waiter of this.waiters) {
      if (waiter.predicate(parsed)) {
        this.waiters.delete(waiter);
        waiter.resolve(parsed);
        return;
      }
    }
    this.inbox.push(parsed);
  }
}

/** An Authorization / Proxy-Authorization value answering the challenge for `algorithm`. */
export function authorizationFor(
  challengeResponse: SipResponse,
  headerName: 'www-authenticate' | 'proxy-authenticate',
  account: SipAccount,
  method: string,
  uri: string,
  algorithm: DigestAlgorithm,
  nc = '00000001',
): string {
  const challenge = challengeResponse
    .headers(headerName)
    .map((value) => parseAuthParams(value.replace(/^\s*Digest\s+/i, '')))
    .find((params) => params?.get('algorithm') === algorithm);
  if (!challenge) throw new Error(`no ${algorithm} challenge in ${challengeResponse.status}`);
  const realm = challenge.get('realm') ?? '';
  const nonce = challenge.get('nonce') ?? '';
  const cnonce = token(8);
  const response = computeDigestResponse({ algorithm, username: account.user, realm, password: account.password, method, uri, nonce, qop: 'auth', nc, cnonce });
  return `Digest username="${account.user}", realm="${realm}", nonce="${nonce}", uri="${uri}", response="${response}", algorithm=${algorithm}, qop=auth, nc=${nc}, cnonce="${cnonce}"`;
}

/** The caller side of one call made by a RawSipClient. */
export class OutgoingCall {
  readonly callId = `${token()}@call.invalid`;
  readonly fromTag = token(4);
  readonly requestUri: string;
  cseq = 1;
  inviteBranch = '';
  toTag: string | undefined;
  private inviteText = '';

  constructor(
    readonly client: RawSipClient,
    readonly account: SipAccount,
    dialled: string,
  ) {
    this.requestUri = `sip:${dialled}@${DOMAIN}`;
  }

  get from(): string {
    return `<sip:${this.account.user}@${DOMAIN}>;tag=${this.fromTag}`;
  }

  get to(): string {
    const base = `<${this.requestUri}>`;
    return this.toTag ? `${base};tag=${this.toTag}` : base;
  }

  async start(sdp: string, headers: string[] = [], timeoutMs = 5000): Promise<void> {
    this.sendInvite(sdp, headers);
    const first = await this.client.nextResponse(this.callId, 'INVITE', 200, timeoutMs);
    if (first.status !== 407) throw new Error(`expected 407, got ${first.status}`);
    this.ackNon2xx(first);
    this.cseq += 1;
    const authorization = authorizationFor(first, 'proxy-authenticate', this.account, 'INVITE', this.requestUri, 'MD5');
    this.sendInvite(sdp, [...headers, `Proxy-Authorization: ${authorization}`]);
  }

  /** Wait for a response to the current INVITE with a status in [min, max]. */
  async response(min: number, max = min, timeoutMs = 5000): Promise<SipResponse> {
    const response = (await this.client.next(
      (m) => m.kind === 'response' && m.callId === this.callId && m.cseqMethod === 'INVITE' && m.cseq === this.cseq && m.status >= min && m.status <= max,
      `INVITE response ${min}..${max}`,
      timeoutMs,
    )) as SipResponse;
    if (response.toTag && response.status > 100) this.toTag = response.toTag;
    return response;
  }

  /** ACK the 2xx of the current INVITE (with the answer when the 2xx carried an offer). */
  ack2xx(answerSdp?: string): void {
    this.client.send(this.request('ACK', this.cseq, answerSdp).text);
  }

  ackNon2xx(response: SipResponse): void {
    const to = response.header('to') ?? this.to;
    this.client.send(
      this.client.buildRequest({ method: 'ACK', requestUri: this.requestUri, from: this.from, to, callId: this.callId, cseq: this.cseq, branch: this.inviteBranch }).text,
    );
  }

  cancel(): void {
    this.client.send(
      this.client.buildRequest({
        method: 'CANCEL',
        requestUri: this.requestUri,
        from: this.from,
        to: `<${this.requestUri}>`,
        callId: this.callId,
        cseq: this.cseq,
        branch: this.inviteBranch,
      }).text,
    );
  }

  async bye(): Promise<SipResponse> {
    this.cseq += 1;
    this.client.send(this.request('BYE', this.cseq).text);
    return this.client.nextResponse(this.callId, 'BYE', 200);
  }

  /** re-INVITE with a new offer (or none: '' asks the PBX to offer); returns the final response. */
  async reinvite(sdp: string): Promise<SipResponse> {
    this.cseq += 1;
    this.client.send(this.request('INVITE', this.cseq, sdp).text);
    return this.client.nextResponse(this.callId, 'INVITE', 200);
  }

  /** The request text a raw INVITE would have (for tests that mangle it). */
  get lastInviteText(): string {
    return this.inviteText;
  }

  private sendInvite(sdp: string, headers: string[]): void {
    const built = this.client.buildRequest({
      method: 'INVITE',
      requestUri: this.requestUri,
      from: this.from,
      to: `<${this.requestUri}>`,
      callId: this.callId,
      cseq: this.cseq,
      headers,
      body: sdp,
      withContact: true,
    });
    this.inviteBranch = built.branch;
    this.inviteText = built.text;
    this.client.send(built.text);
  }

  private request(method: string, cseq: number, body?: string): { text: string } {
    return this.client.buildRequest({
      method,
      requestUri: `sip:pbx@${DOMAIN};transport=ws`,
      from: this.from,
      to: this.to,
      callId: this.callId,
      cseq,
      body,
      withContact: method === 'INVITE',
    });
  }
}
