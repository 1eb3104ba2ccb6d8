/**
 * Issue 7 point 1: the media host (Electron's hidden media window) dies and is re-created during
 * a call. Its peer connections are gone; the core renegotiates each established call onto the new
 * host (a re-INVITE with a fresh offer: new ICE and DTLS parameters, which the PBX's leg accepts),
 * and audio flows both ways again on the same call. Real server, real SIP, @roamhq/wrtc media.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { demoId } from '../../src-server/store/demo-tenant.js';
import { MIN_TONE_RMS, receivedTone, TONE_TOLERANCE_HZ } from '../support/received-tone.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { TestSoftphone } from '../support/test-softphone.js';
import { waitFor } from '../support/wait-for.js';

let server: TestServer | undefined;
const phones: TestSoftphone[] = [];

afterEach(async () => {
  await Promise.allSettled(phones.splice(0).map((phone) => phone.dispose()));
  await server?.close();
  server = undefined;
});

async function loggedIn(key: 'A' | 'B', toneHz: number): Promise<TestSoftphone> {
  const phone = new TestSoftphone({ toneHz });
  phones.push(phone);
  await phone.login(server!.server.httpUrl, demoId(key).directNumber, demoId(key).password);
  return phone;
}

async function expectHears(phone: TestSoftphone, toneHz: number, what: string): Promise<void> {
  await waitFor(
    async () => {
      const tone = await receivedTone(phone.media);
      return tone.rms > MIN_TONE_RMS && Math.abs(tone.frequencyHz - toneHz) <= TONE_TOLERANCE_HZ;
    },
    { timeoutMs: 30_000, description: what },
  );
}

describe('a re-created media host', () => {
  it('gets the established call back with two-way audio, on the same call', { timeout: 120_000 }, async () => {
    server = await startTestServer();
    const [a, b] = [await loggedIn('A', 440), await loggedIn('B', 1000)];
    const { lineId } = (await a.call('call.dial', { target: demoId('B').extension })) as { lineId: string };
    const ringing = await b.waitForLine((line) => line.state === 'ringingIn');
    await b.call('call.answer', { lineId: ringing.id });
    await a.waitForLine((line) => line.id === lineId && line.state === 'connected');
    await expectHears(b, 440, 'B hears A before the restart');

    const oldSessions = (await a.mediaHost.handlers['media.stats']({})).sessions.length;
    expect(oldSessions).toBe(1);
    a.restartMediaHost();
    // the new host had no peer connection; the renegotiation made one for the call
    await waitFor(async () => (await a.mediaHost.handlers['media.stats']({})).sessions.length === 1, { timeoutMs: 30_000, description: 'a session on the new host' });
    await expectHears(a, 1000, 'A hears B on the new host');
    await expectHears(b, 440, 'B hears A from the new host');
    expect(a.snapshot.lines.find((line) => line.id === lineId)?.state).toBe('connected');
    expect(b.snapshot.lines.find((line) => line.id === ringing.id)?.state).toBe('connected');
    await a.call('call.hangup', { lineId });
    await b.waitForSeenLine((line) => line.id === ringing.id && line.state === 'ended');
  });
});
