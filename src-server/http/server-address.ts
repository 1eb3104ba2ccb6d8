import { isIP } from 'node:net';

/** Where clients reach this server: https/wss with TLS, plain http/ws (loopback only) without. */
export interface ServerUrls {
  httpUrl: string;
  sipWsUrl: string;
}

export const SIP_WEBSOCKET_PATH = '/sip';

export function serverUrls(host: string, port: number, secure = false): ServerUrls {
  const authority = `${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
  return secure
    ? { httpUrl: `https://${authority}`, sipWsUrl: `wss://${authority}${SIP_WEBSOCKET_PATH}` }
    : { httpUrl: `http://${authority}`, sipWsUrl: `ws://${authority}${SIP_WEBSOCKET_PATH}` };
}

/** True for addresses that never leave this machine: 127.0.0.0/8, ::1 and `localhost`. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost' || h === '::1') return true;
  const v4 = h.startsWith('::ffff:') ? h.slice('::ffff:'.length) : h;
  return isIP(v4) === 4 && v4.startsWith('127.');
}
