import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { SipWebSocketFactory } from '../../src-main/core/sip/sip-web-socket.js';
import { demoId } from '../../src-server/store/demo-tenant.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { TestSoftphone } from '../support/test-softphone.js';
import { waitFor } from '../support/wait-for.js';

/**
 * A's network drops in the middle of a call (its SIP WebSocket dies without a close
 * handshake): A says so (registration failed with a reason), its call ends as failed and its
 * media is released; the PBX ends the call for B; logging out does not hang.
 * (Reconnecting with backoff is a later issue.)
 */
let server: TestServer | undefined;
const phones: TestSoftphone[] = [];

afterEach(async () => {
  await Promise.allSettled(phones.splice(0).map((phone) => phone.dispose()));
  await server?.close();
  server = undefined;
});

/** The SIP WebSocket of the core, with a handle to cut it the way a network failure would. */
function severableWebSocket(): { factory: SipWebSocketFactory; sever(): void } {
  const sockets: WebSocket[] = [];
  const factory: SipWebSocketFactory = (url, protocol, handlers) => {
    const socket = new WebSocket(url, protocol);
    sockets.push(socket);
    socket.on('open', () => handlers.onOpen());
    socket.on('message', (data) => handlers.onMessage(String(data)));
    socket.on('close', (code, reason) => handlers.onClose(code, String(reason)));
    socket.on('error', (error) => handlers.onError(error));
    return { send: (text) => socket.send(text), close: (code, reason) => socket.close(code, reason) };
  };
  return { factory, sever: () => sockets.forEach((socket) => socket.terminate()) };
}

describe('losing the SIP connection', () => {
  it('ends the call as failed, releases media and reports the lost connection', async () => {
    server = await startTestServer();
    const { httpUrl } = server.server;
    const A = demoId('A');
    const B = demoId('B');
    const network = severableWebSocket();
    const a = new TestSoftphone({ toneHz: 440, serviceOptions: { createWebSocket: network.factory } });
    const b = new TestSoftphone({ toneHz: 1000 });
    phones.push(a, b);
    await Promise.all([a.login(httpUrl, A.directNumber, A.password), b.login(httpUrl, B.directNumber, B.password)]);

    const { lineId } = (await a.call('call.dial', { target: B.extension })) as { lineId: string };
    const ringing = await b.waitForLine((l) => l.state === 'ringingIn');
    await b.call('call.answer', { lineId: ringing.id });
    await a.waitForLine((l) => l.id === lineId && l.state === 'connected');

    network.sever();

    const lost = await a.waitFor((s) => s.registration.state === 'failed', { description: 'A sees the loss' });
    expect(lost.registration.error).toEqual({ code: 'sip-connection-lost', message: 'SIPサーバーとの接続が切れました' });
    expect((await a.waitForSeenLine((l) => l.id === lineId && l.state === 'ended')).endReason).toBe('failed');
    await waitFor(async () => (await a.mediaHost.handlers['media.stats']({})).sessions.length === 0, {
      description: 'A media released',
    });
    await b.waitForSeenLine((l) => l.id === ringing.id && l.state === 'ended', { description: 'B call ended by the PBX' });
    const pbx = server.server.pbx;
    await waitFor(() => pbx.stats().calls === 0 && pbx.stats().peerConnections === 0, { description: 'PBX idle' });

    const started = Date.now();
    expect(await a.invoke('account.logout', {})).toEqual({ ok: true, value: null });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(a.snapshot.registration.state).toBe('loggedOut');
  });
});
