import { describe, expect, it } from 'vitest';
import { isLoopbackHost, serverUrls } from './server-address.js';

describe('server address', () => {
  it('builds HTTP and SIP WebSocket URLs, bracketing IPv6', () => {
    expect(serverUrls('127.0.0.1', 7080)).toEqual({ httpUrl: 'http://127.0.0.1:7080', sipWsUrl: 'ws://127.0.0.1:7080/sip' });
    expect(serverUrls('::1', 7080)).toEqual({ httpUrl: 'http://[::1]:7080', sipWsUrl: 'ws://[::1]:7080/sip' });
    expect(serverUrls('192.0.2.2', 443, true)).toEqual({ httpUrl: 'https://192.0.2.2:443', sipWsUrl: 'wss://192.0.2.2:443/sip' });
  });

  it('knows which hosts are loopback', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', '::ffff:127.0.0.1']) expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.0.2.2', 'example.com', '128.0.0.1', '']) expect(isLoopbackHost(host)).toBe(false);
  });
});
