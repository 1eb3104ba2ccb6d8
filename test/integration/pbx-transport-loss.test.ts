/**
 * Issue 4 point 11: a client whose SIP WebSocket dies (no close handshake) and whose network
 * stays down has its side of the call ended by the PBX cleanly — the other party gets a BYE once
 * the PBX's reconnect grace (LEG_RECONNECT_GRACE_MS) has passed, or a CANCEL at once while it
 * rings — and no peer connection is left: `pbx.stats().peerConnections` goes 0 → 2 per bridged
 * call → 0, and the warm pool is back to its size. call-connection-loss.test.ts covers what the
 * softphone whose connection died sees; this file is about the PBX and the other party.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { demoId } from '../../src-server/store/demo-tenant.js';
import { MIN_TONE_RMS, TONE_TOLERANCE_HZ, receivedTone } from '../support/received-tone.js';
import { severableWebSocket } from '../support/severable-web-socket.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { TestSoftphone } from '../support/test-softphone.js';
import { waitFor } from '../support/wait-for.js';
import { LEG_RECONNECT_GRACE_MS } from '../../src-server/pbx/b2bua/leg.js';

/** the PBX waits LEG_RECONNECT_GRACE_MS for a lost answered leg before it ends the call */
const AFTER_GRACE = { timeoutMs: LEG_RECONNECT_GRACE_MS + 20_000 };
const TEST_MS = 2 * LEG_RECONNECT_GRACE_MS + 60_000;

let server: TestServer | undefined;
const phones: TestSoftphone[] = [];

afterEach(async () => {
  await Promise.allSettled(phones.splice(0).map((phone) => phone.dispose()));
  await server?.close();
  server = undefined;
});

function softphone(toneHz: number, network?: ReturnType<typeof severableWebSocket>): TestSoftphone {
  const phone = new TestSoftphone({ toneHz, ...(network ? { serviceOptions: { createWebSocket: network.factory } } : {}) });
  phones.push(phone);
  return phone;
}

/** The PBX with no call, leg or peer connection, and its warm pool refilled to `warm`. */
async function pbxBackToBaseline(warm: number, description: string): Promise<void> {
  const pbx = server!.server.pbx;
  await waitFor(
    () => {
      const s = pbx.stats();
      return s.calls === 0 && s.legs === 0 && s.peerConnections === 0 && s.warmPeerConnections === warm;
    },
    { description: `${description} (last: ${JSON.stringify(pbx.stats())})` },
  );
}

/** A calls B by extension and B answers; returns both line ids once A is connected. */
async function connectedCall(a: TestSoftphone, b: TestSoftphone): Promise<{ aLine: string; bLine: string }> {
  const B = demoId('B');
  const { lineId } = (await a.call('call.dial', { target: B.extension })) as { lineId: string };
  const ringing = await b.waitForLine((l) => l.state === 'ringingIn');
  await b.call('call.answer', { lineId: ringing.id });
  await a.waitForLine((l) => l.id === lineId && l.state === 'connected');
  return { aLine: lineId, bLine: ringing.id };
}

describe('a SIP WebSocket dying under a call', () => {
  it("the callee's socket dies mid-call: the caller gets BYE, the PBX closes both legs' peer connections", async () => {
    server = await startTestServer();
    const { httpUrl } = server.server;
    const pbx = server.server.pbx;
    const A = demoId('A');
    const B = demoId('B');
    const bNetwork = severableWebSocket();
    const a = softphone(440);
    const b = softphone(1000, bNetwork);
    await Promise.all([a.login(httpUrl, A.directNumber, A.password), b.login(httpUrl, B.directNumber, B.password)]);
    const warm = pbx.stats().warmPeerConnections;
    expect(warm).toBeGreaterThan(0);
    expect(pbx.stats().peerConnections).toBe(0);

    const { aLine } = await connectedCall(a, b);
    const heard = await receivedTone(a.media);
    expect(heard.rms).toBeGreaterThan(MIN_TONE_RMS);
    expect(Math.abs(heard.frequencyHz - 1000)).toBeLessThanOrEqual(TONE_TOLERANCE_HZ);
    // one anchored peer connection per leg, none counted twice, the warm pool apart
    expect(pbx.stats()).toMatchObject({ calls: 1, legs: 2, peerConnections: 2 });

    bNetwork.sever();

    const ended = await a.waitForSeenLine((l) => l.id === aLine && l.state === 'ended', { ...AFTER_GRACE, description: "A's call ended by the PBX" });
    expect(ended.endReason).toBe('remoteHangup');
    await pbxBackToBaseline(warm, 'PBX idle with its warm pool refilled');
    await waitFor(async () => (await a.mediaHost.handlers['media.stats']({})).sessions.length === 0, { description: 'A media released' });
  }, TEST_MS);

  it("the caller's socket dies while the callee rings: the ringing stops and nothing is left", async () => {
    server = await startTestServer();
    const { httpUrl } = server.server;
    const pbx = server.server.pbx;
    const A = demoId('A');
    const B = demoId('B');
    const aNetwork = severableWebSocket();
    const a = softphone(440, aNetwork);
    const b = softphone(1000);
    await Promise.all([a.login(httpUrl, A.directNumber, A.password), b.login(httpUrl, B.directNumber, B.password)]);
    const warm = pbx.stats().warmPeerConnections;

    await a.call('call.dial', { target: B.extension });
    const ringing = await b.waitForLine((l) => l.state === 'ringingIn');
    expect(pbx.stats()).toMatchObject({ calls: 1, peerConnections: 2 });

    aNetwork.sever();

    const ended = await b.waitForSeenLine((l) => l.id === ringing.id && l.state === 'ended', { description: "B's ringing stopped" });
    expect(ended.endReason).not.toBe('localHangup');
    await pbxBackToBaseline(warm, 'PBX idle after the caller vanished');
  });

  it('calls lost one after another leave no peer connection behind', async () => {
    server = await startTestServer();
    const { httpUrl } = server.server;
    const pbx = server.server.pbx;
    const A = demoId('A');
    const B = demoId('B');
    const b = softphone(1000);
    await b.login(httpUrl, B.directNumber, B.password);
    const warm = pbx.stats().warmPeerConnections;
    for (let round = 1; round <= 2; round++) {
      const network = severableWebSocket();
      const a = softphone(440, network);
      await a.login(httpUrl, A.directNumber, A.password);
      const { bLine } = await connectedCall(a, b);
      expect(pbx.stats().peerConnections).toBe(2);
      network.sever();
      const ended = await b.waitForSeenLine((l) => l.id === bLine && l.state === 'ended', { ...AFTER_GRACE, description: `round ${round}: B's call ended` });
      expect(ended.endReason).toBe('remoteHangup');
      await pbxBackToBaseline(warm, `round ${round}: PBX idle`);
      phones.splice(phones.indexOf(a), 1);
      await a.dispose();
    }
  }, 2 * TEST_MS);
});
