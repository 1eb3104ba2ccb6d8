// The clients of the registration storm, in a child process (see registration-storm.ts): each
// opens a SIP WebSocket from its own loopback address (127.1.x.y — an office network each, so
// the PBX's per-address cap does not apply), REGISTERs, answers the 401 digest challenge and
// waits for 200. Deliberately light: responses are read with a few regular expressions, not a
// SIP parser, so the clients cost little next to the PBX.
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { computeDigestResponse } from '../src-server/pbx/auth/digest.js';
import { BENCH_SIP_DOMAIN, benchAccount } from './synthetic-directory.js';

export interface StormReport {
  clients: number;
  registered: number;
  failed: string[];
  /** first connect → last 200 OK */
  totalMs: number;
  /** per client: connect → 200 OK */
  perClientMs: number[];
  cpuMs: number;
}

const token = (): string => randomBytes(6).toString('hex');

function register(sipUrl: string, index: number): Promise<number> {
  const account = benchAccount(index);
  const localAddress = `127.1.${Math.floor(index / 250)}.${(index % 250) + 1}`;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(sipUrl, 'sip', { localAddress, perMessageDeflate: false });
    const callId = `${token()}@storm.invalid`;
    const host = `${token()}.invalid`;
    const aor = `sip:${account.user}@${BENCH_SIP_DOMAIN}`;
    const uri = `sip:${BENCH_SIP_DOMAIN}`;
    const send = (cseq: number, authorization?: string): void => {
      const lines = [
        `REGISTER ${uri} SIP/2.0`,
        `Via: SIP/2.0/WS ${host};branch=z9hG4bK${token()}`,
        'Max-Forwards: 70',
        `From: <${aor}>;tag=${token()}`,
        `To: <${aor}>`,
        `Call-ID: ${callId}`,
        `CSeq: ${cseq} REGISTER`,
        `Contact: <sip:${token()}@${host};transport=ws>`,
        'Expires: 600',
        ...(authorization ? [`Authorization: ${authorization}`] : []),
        'Content-Length: 0',
      ];
      ws.send(`${lines.join('\r\n')}\r\n\r\n`);
    };
    ws.once('open', () => send(1));
    ws.once('error', reject);
    ws.on('message', (data: Buffer) => {
      const text = data.toString('utf8');
      const status = Number(/^SIP\/2\.0 (\d{3})/.exec(text)?.[1]);
      if (status === 401) {
        const md5 = text.split('\r\n').find((l) => /^WWW-Authenticate:.*algorithm=MD5/i.test(l)) ?? '';
        const nonce = /nonce="([^"]+)"/.exec(md5)?.[1] ?? '';
        const cnonce = token();
        const response = computeDigestResponse({
          algorithm: 'MD5',
          username: account.user,
          realm: BENCH_SIP_DOMAIN,
          password: account.password,
          method: 'REGISTER',
          uri,
          nonce,
          qop: 'auth',
          nc: '00000001',
          cnonce,
        });
        send(
          2,
          `Digest username="${account.user}", realm="${BENCH_SIP_DOMAIN}", nonce="${nonce}", uri="${uri}", response="${response}", algorithm=MD5, qop=auth, nc=00000001, cnonce="${cnonce}"`,
        );
      } else if (status === 200) {
        resolve(performance.now() - started);
      } else if (status >= 300) {
        reject(new Error(`client ${index}: ${status}`));
      }
    });
    sockets.push(ws);
  });
}

const sockets: WebSocket[] = [];

async function storm(sipUrl: string, clients: number): Promise<StormReport> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const outcomes = await Promise.allSettled(Array.from({ length: clients }, (_, i) => register(sipUrl, i)));
  const totalMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const perClientMs = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
  const failed = outcomes.flatMap((o) => (o.status === 'rejected' ? [String(o.reason instanceof Error ? o.reason.message : o.reason)] : []));
  return { clients, registered: perClientMs.length, failed: failed.slice(0, 5), totalMs, perClientMs, cpuMs: (used.user + used.system) / 1000 };
}

if (process.send) {
  const [sipUrl, count] = process.argv.slice(2);
  if (!sipUrl || !count) throw new Error('usage: registration-storm-clients.ts <sip ws url> <clients>');
  process.once('message', () => {
    void storm(sipUrl, Number(count)).then((report) => {
      process.send?.(report, () => {
        for (const ws of sockets) ws.terminate();
        process.exit(0);
      });
    });
  });
  process.send('ready');
}
