import { afterEach, describe, expect, it } from 'vitest';
import { call as api, customerLogin } from '../../src-server/customer-page/api-test-support.js';
import { demoId } from '../../src-server/store/demo-tenant.js';
import { MIN_TONE_RMS, TONE_TOLERANCE_HZ, receivedTone } from '../support/received-tone.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { TestSoftphone } from '../support/test-softphone.js';
import { waitFor } from '../support/wait-for.js';

/**
 * Issue 4 point 9: numbers outside every tenant reach the built-in PSTN simulator (README "PSTN
 * simulator"). A real softphone core calls the echo number and hears its own tone back, the tone
 * number and hears 1 kHz, the busy number and its line ends busy; the call log has the answered
 * calls as outgoing outside calls, charged as fixed-line calls.
 */
let server: TestServer | undefined;
const phones: TestSoftphone[] = [];

afterEach(async () => {
  await Promise.allSettled(phones.splice(0).map((phone) => phone.dispose()));
  await server?.close();
  server = undefined;
});

const TONE_A = 440;

describe('the PSTN simulator', () => {
  it('echoes, plays 1 kHz, and is busy, per number; the calls are logged as outgoing outside calls', async () => {
    server = await startTestServer();
    const { httpUrl } = server.server;
    const A = demoId('A');
    const phone = new TestSoftphone({ toneHz: TONE_A });
    phones.push(phone);
    await phone.login(httpUrl, A.directNumber, A.password);

    const connectedCall = async (target: string): Promise<string> => {
      const { lineId } = (await phone.call('call.dial', { target })) as { lineId: string };
      await phone.waitForLine((line) => line.id === lineId && line.state === 'connected', { description: `${target} answered` });
      return lineId;
    };
    const hangUp = async (lineId: string): Promise<void> => {
      await phone.call('call.hangup', { lineId });
      await phone.waitFor((s) => s.lines.every((line) => line.state === 'ended'), { description: 'no live line' });
    };

    // echo test: A hears its own 440 Hz tone
    const echo = await connectedCall('03-1234-0000');
    const echoed = await receivedTone(phone.media);
    expect(echoed.rms).toBeGreaterThan(MIN_TONE_RMS);
    expect(Math.abs(echoed.frequencyHz - TONE_A)).toBeLessThanOrEqual(TONE_TOLERANCE_HZ);
    await hangUp(echo);

    // tone: 1 kHz
    const tone = await connectedCall('0312340001');
    const heard = await receivedTone(phone.media);
    expect(heard.rms).toBeGreaterThan(MIN_TONE_RMS);
    expect(Math.abs(heard.frequencyHz - 1000)).toBeLessThanOrEqual(TONE_TOLERANCE_HZ);
    await hangUp(tone);

    // busy
    const { lineId: busy } = (await phone.call('call.dial', { target: '0312340003' })) as { lineId: string };
    const ended = await phone.waitForSeenLine((line) => line.id === busy && line.state === 'ended', { description: 'busy line ended' });
    expect(ended.endReason).toBe('busy');

    const customer = await customerLogin(httpUrl, A.directNumber, A.password);
    const log = await waitFor(
      async () => {
        const page = (await api(httpUrl, 'GET', '/api/customer/call-log', customer)).body as {
          total: number;
          entries: { kind: string; result: string; callerNumber: string; dialledNumber: string; calleeIdIds: number[]; durationSeconds: number; chargeYen: number | null }[];
        };
        return page.total >= 3 && page.entries;
      },
      { description: 'three calls in the call log' },
    );
    expect(log.map((entry) => [entry.kind, entry.result, entry.dialledNumber, entry.callerNumber])).toEqual([
      ['outgoingOutside', 'busy', '0312340003', A.defaultCallerNumber],
      ['outgoingOutside', 'answered', '0312340001', A.defaultCallerNumber],
      ['outgoingOutside', 'answered', '0312340000', A.defaultCallerNumber],
    ]);
    for (const entry of log.slice(1)) expect(entry.chargeYen).toBe(8 * Math.ceil(entry.durationSeconds / 180));
    expect(log.every((entry) => entry.calleeIdIds.length === 0)).toBe(true);

    const pbx = server.server.pbx;
    await waitFor(() => {
      const stats = pbx.stats();
      return stats.calls === 0 && stats.legs === 0 && stats.peerConnections === 0 && stats.channelsInUse === 0;
    }, { description: 'PBX idle, every channel given back' });
  });
});
