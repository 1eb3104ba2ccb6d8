import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_TENANT, demoId, type DemoIdKey } from '../../src-server/store/demo-tenant.js';
import { MIN_TONE_RMS, TONE_TOLERANCE_HZ, receivedTone } from '../support/received-tone.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { TestSoftphone } from '../support/test-softphone.js';
import { waitFor } from '../support/wait-for.js';

/**
 * Issue 2: a call to company number 2 (営業部) rings its whole ring set (A, B, C) at once and
 * nobody else; the first to answer gets the call and the others stop ringing.
 */
let server: TestServer | undefined;
const phones: TestSoftphone[] = [];

afterEach(async () => {
  await Promise.allSettled(phones.splice(0).map((phone) => phone.dispose()));
  await server?.close();
  server = undefined;
});

const TONES: Record<DemoIdKey, number> = { A: 440, B: 550, C: 660, D: 1000, E: 1200 };

describe('ring set of a company number', () => {
  it('a call to number 2 rings A, B and C only; C answers; A and B stop with answeredElsewhere', async () => {
    server = await startTestServer();
    const { httpUrl } = server.server;
    const salesNumber = DEMO_TENANT.companyNumbers.find((n) => n.label === '営業部')!;
    expect(salesNumber.ringSet).toEqual(['A', 'B', 'C']);

    const keys: DemoIdKey[] = ['A', 'B', 'C', 'D', 'E'];
    const phone = Object.fromEntries(keys.map((key) => [key, new TestSoftphone({ toneHz: TONES[key] })])) as Record<
      DemoIdKey,
      TestSoftphone
    >;
    phones.push(...Object.values(phone));
    await Promise.all(keys.map((key) => phone[key].login(httpUrl, demoId(key).directNumber, demoId(key).password)));

    const D = demoId('D');
    const { lineId } = (await phone.D.call('call.dial', { target: '03-5555-0200' })) as { lineId: string };

    const ringing = await Promise.all(
      (['A', 'B', 'C'] as const).map((key) =>
        phone[key].waitForLine((line) => line.direction === 'incoming' && line.state === 'ringingIn', {
          description: `${key} ringing`,
        }),
      ),
    );
    for (const line of ringing) {
      expect(line).toMatchObject({ calledNumber: salesNumber.number, calledLabel: salesNumber.label });
      expect(line.remoteNumber).toBe(D.extension); // internal calls show the caller's extension
    }
    await phone.D.waitForLine((line) => line.id === lineId && line.state === 'ringingOut');

    const atC = ringing[2]!;
    await phone.C.call('call.answer', { lineId: atC.id });
    await phone.C.waitForLine((line) => line.id === atC.id && line.state === 'connected');
    await phone.D.waitForLine((line) => line.id === lineId && line.state === 'connected');
    for (const [key, line] of [['A', ringing[0]!], ['B', ringing[1]!]] as const) {
      const ended = await phone[key].waitForSeenLine((l) => l.id === line.id && l.state === 'ended', {
        description: `${key} stopped ringing`,
      });
      expect(ended.endReason).toBe('answeredElsewhere');
    }
    // The fork rang A, B and C at the same moment: had D or E been in it, they would have rung too.
    expect(phone.D.lineHistory.filter((line) => line.direction === 'incoming')).toEqual([]);
    expect(phone.E.lineHistory).toEqual([]);

    const heardAtC = await receivedTone(phone.C.media);
    expect(heardAtC.rms).toBeGreaterThan(MIN_TONE_RMS);
    expect(Math.abs(heardAtC.frequencyHz - TONES.D)).toBeLessThanOrEqual(TONE_TOLERANCE_HZ);
    const heardAtD = await receivedTone(phone.D.media);
    expect(Math.abs(heardAtD.frequencyHz - TONES.C)).toBeLessThanOrEqual(TONE_TOLERANCE_HZ);

    await phone.D.call('call.hangup', { lineId });
    expect((await phone.C.waitForSeenLine((l) => l.id === atC.id && l.state === 'ended')).endReason).toBe(
      'remoteHangup',
    );
    for (const key of keys) {
      await phone[key].waitFor((s) => s.lines.every((line) => line.state === 'ended'), {
        description: `${key} has no live line`,
      });
      await waitFor(async () => (await phone[key].mediaHost.handlers['media.stats']({})).sessions.length === 0, {
        description: `${key} media host has no peer connection`,
      });
    }
    const pbx = server.server.pbx;
    await waitFor(() => {
      const stats = pbx.stats();
      return stats.calls === 0 && stats.legs === 0 && stats.peerConnections === 0;
    }, { description: 'PBX idle' });
  });
});
