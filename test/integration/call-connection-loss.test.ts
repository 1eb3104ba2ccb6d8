import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { SipWebSocketFactory } from '../../src-main/core/sip/sip-web-socket.js';
import type { PhoneSnapshot } from '../../src-shared/domain/phone-snapshot.js';
import { demoId } from '../../src-server/store/demo-tenant.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { TestSoftphone } from '../support/test-softphone.js';
import { waitFor } from '../support/wait-for.js';

/**
 * A's network drops in the middle of a call (its SIP WebSocket dies without a close handshake)
 * and stays down: A says so (再接続中 with the reason, retrying), keeps the call for its grace
 * period, then ends it as failed and releases its media; the PBX keeps A's leg for its own grace
 * period (LEG_RECONNECT_GRACE_MS), then ends the call for B; logging out does not hang.
 * (A drop that heals in time, and a server restart: reconnect.test.ts.)
 */
let server: TestServer | undefined;
const phones: TestSoftphone[] = [];

afterEach(async () => {
  await Promise.allSettled(phones.splice(0).map((phone) => phone.dispose()));
  await server?.close();
  server = undefined;
});

/** The SIP WebSocket of the core, with a handle to cut it the way a network failure would: for good. */
function severableWebSocket(): { factory: SipWebSocketFactory; sever(): void } {
  const sockets: WebSocket[] = [];
  let down = false;
  const factory: SipWebSocketFactory = (url, protocol, handlers) => {
    if (down) throw new Error('network unreachable');
    const socket = new WebSocket(url, protocol);
    sockets.push(socket);
    socket.on('open', () => handlers.onOpen());
    socket.on('message', (data) => handlers.onMessage(String(data)));
    socket.on('close', (code, reason) => handlers.onClose(code, String(reason)));
    socket.on('error', (error) => handlers.onError(error));
    return { send: (text) => socket.send(text), close: (code, reason) => socket.close(code, reason) };
  };
  return {
    factory,
    sever: () => {
      down = true;
      sockets.forEach((socket) => socket.terminate());
    },
  };
}

describe('losing the SIP connection', () => {
  it('reports the loss and retries; the call ends as failed after the grace period, media released on both sides', async () => {
    server = await startTestServer();
    const { httpUrl } = server.server;
    const A = demoId('A');
    const B = demoId('B');
    const network = severableWebSocket();
    const a = new TestSoftphone({
      toneHz: 440,
      serviceOptions: { createWebSocket: network.factory, reconnect: { backoff: { initialDelayMs: 200, maxDelayMs: 1_000 }, callGraceMs: 2_000 } },
    });
    const b = new TestSoftphone({ toneHz: 1000 });
    phones.push(a, b);
    await Promise.all([a.login(httpUrl, A.directNumber, A.password), b.login(httpUrl, B.directNumber, B.password)]);

    const { lineId } = (await a.call('call.dial', { target: B.extension })) as { lineId: string };
    const ringing = await b.waitForLine((l) => l.state === 'ringingIn');
    await b.call('call.answer', { lineId: ringing.id });
    await a.waitForLine((l) => l.id === lineId && l.state === 'connected');

    const registrations: PhoneSnapshot['registration'][] = [];
    a.service.onSnapshot((s) => registrations.push(s.registration));
    network.sever();

    const retrying = await a.waitFor((s) => (s.connection?.attempt ?? 0) >= 2, { description: 'A retries' });
    expect(retrying.registration).toEqual({ state: 'reconnecting', error: { code: 'sip-unreachable', message: 'SIPサーバーに接続できません' } });
    expect(registrations.find((r) => r.state === 'reconnecting')?.error).toEqual({
      code: 'sip-connection-lost',
      message: 'SIPサーバーとの接続が切れました',
    });
    expect((await a.waitForSeenLine((l) => l.id === lineId && l.state === 'ended')).endReason).toBe('failed');
    expect(b.snapshot.lines.find((l) => l.id === ringing.id)?.state).toBe('connected'); // the PBX still waits for A
    await waitFor(async () => (await a.mediaHost.handlers['media.stats']({})).sessions.length === 0, {
      description: 'A media released',
    });
    await b.waitForSeenLine((l) => l.id === ringing.id && l.state === 'ended', {
      timeoutMs: 20_000,
      description: 'B call ended by the PBX after its grace period',
    });
    const pbx = server.server.pbx;
    await waitFor(() => pbx.stats().calls === 0 && pbx.stats().peerConnections === 0, { description: 'PBX idle' });

    const started = Date.now();
    expect(await a.invoke('account.logout', {})).toEqual({ ok: true, value: null });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(a.snapshot.registration.state).toBe('loggedOut');
  }, 60_000); // the PBX's 10 s grace plus call set-up under load
});
