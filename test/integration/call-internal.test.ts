import { afterEach, describe, expect, it } from 'vitest';
import { demoId } from '../../src-server/store/demo-tenant.js';
import { MIN_TONE_RMS, TONE_TOLERANCE_HZ, receivedTone } from '../support/received-tone.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { TestSoftphone } from '../support/test-softphone.js';
import { waitFor } from '../support/wait-for.js';

/**
 * Issue 2: the real server on port 0, two phone cores each with a media host on @roamhq/wrtc.
 * A calls B by extension, B answers, tones cross both ways, A hangs up, nothing stays behind.
 */
let server: TestServer | undefined;
const phones: TestSoftphone[] = [];

afterEach(async () => {
  await Promise.allSettled(phones.splice(0).map((phone) => phone.dispose()));
  await server?.close();
  server = undefined;
});

function softphone(toneHz: number): TestSoftphone {
  const phone = new TestSoftphone({ toneHz });
  phones.push(phone);
  return phone;
}

describe('internal call through the embedded PBX', () => {
  it('A calls B by extension: ringing, answer, two-way audio, hang-up, clean', async () => {
    server = await startTestServer();
    const { httpUrl } = server.server;
    const A = demoId('A');
    const B = demoId('B');
    const a = softphone(440);
    const b = softphone(1000);
    await Promise.all([a.login(httpUrl, A.directNumber, A.password), b.login(httpUrl, B.directNumber, B.password)]);

    const { lineId } = (await a.call('call.dial', { target: B.extension })) as { lineId: string };
    const outgoing = a.snapshot.lines.find((line) => line.id === lineId);
    expect(outgoing).toMatchObject({ direction: 'outgoing', remoteNumber: B.extension, callerNumber: A.defaultCallerNumber });

    const ringing = await b.waitForLine((line) => line.direction === 'incoming' && line.state === 'ringingIn');
    expect(ringing).toMatchObject({
      remoteNumber: A.extension,
      remoteName: A.displayName,
      calledNumber: B.extension,
      calledLabel: B.displayName,
    });
    await a.waitForLine((line) => line.id === lineId && line.state === 'ringingOut');

    await b.call('call.answer', { lineId: ringing.id });
    await b.waitForLine((line) => line.id === ringing.id && line.state === 'connected');
    const connected = await a.waitForLine((line) => line.id === lineId && line.state === 'connected');
    expect(connected.connectedAt).toBeGreaterThanOrEqual(connected.startedAt);

    const atB = await receivedTone(b.media);
    const atA = await receivedTone(a.media);
    expect(atB.rms).toBeGreaterThan(MIN_TONE_RMS);
    expect(Math.abs(atB.frequencyHz - 440)).toBeLessThanOrEqual(TONE_TOLERANCE_HZ);
    expect(atA.rms).toBeGreaterThan(MIN_TONE_RMS);
    expect(Math.abs(atA.frequencyHz - 1000)).toBeLessThanOrEqual(TONE_TOLERANCE_HZ);
    expect(server.server.pbx.stats()).toMatchObject({ calls: 1 });

    await a.call('call.hangup', { lineId });
    const endedAtA = await a.waitForSeenLine((line) => line.id === lineId && line.state === 'ended');
    const endedAtB = await b.waitForSeenLine((line) => line.id === ringing.id && line.state === 'ended');
    expect(endedAtA.endReason).toBe('localHangup');
    expect(endedAtB.endReason).toBe('remoteHangup');

    expect(a.liveLines()).toEqual([]);
    expect(b.liveLines()).toEqual([]);
    for (const phone of [a, b]) {
      await waitFor(async () => (await phone.mediaHost.handlers['media.stats']({})).sessions.length === 0, {
        description: 'no peer connection left in the media host',
      });
    }
    const pbx = server.server.pbx;
    await waitFor(() => {
      const stats = pbx.stats();
      return stats.calls === 0 && stats.legs === 0 && stats.peerConnections === 0;
    }, { description: `PBX idle (last: ${JSON.stringify(pbx.stats())})` });
  });

  it('reject, cancel, unknown numbers and wrong-state intents end lines with the right reason', async () => {
    server = await startTestServer();
    const { httpUrl } = server.server;
    const A = demoId('A');
    const B = demoId('B');
    const a = softphone(440);
    const b = softphone(1000);
    await Promise.all([a.login(httpUrl, A.directNumber, A.password), b.login(httpUrl, B.directNumber, B.password)]);

    // intents that cannot apply are refused with a clear code, and nothing is sent
    expect(await a.invoke('call.dial', { target: B.extension, callerNumber: '0399999999' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument' },
    });
    expect(await a.invoke('call.hangup', { lineId: 'line-404' })).toMatchObject({ ok: false, error: { code: 'not-found' } });

    // B declines: A hears busy (486)
    const first = (await a.call('call.dial', { target: B.extension })) as { lineId: string };
    expect(await a.invoke('call.answer', { lineId: first.lineId })).toMatchObject({ ok: false, error: { code: 'invalid-state' } });
    const ringing = await b.waitForLine((l) => l.direction === 'incoming' && l.state === 'ringingIn');
    await b.call('call.reject', { lineId: ringing.id });
    expect((await a.waitForSeenLine((l) => l.id === first.lineId && l.state === 'ended')).endReason).toBe('busy');
    expect((await b.waitForSeenLine((l) => l.id === ringing.id && l.state === 'ended')).endReason).toBe('rejected');
    expect(await b.invoke('call.answer', { lineId: ringing.id })).toMatchObject({ ok: false, error: { code: 'invalid-state' } });

    // A gives up while B rings: both lines end as cancelled
    const second = (await a.call('call.dial', { target: B.directNumber })) as { lineId: string };
    const ringingAgain = await b.waitForLine((l) => l.direction === 'incoming' && l.state === 'ringingIn');
    expect(ringingAgain).toMatchObject({ calledNumber: B.directNumber, remoteNumber: A.extension });
    await a.waitForLine((l) => l.id === second.lineId && l.state === 'ringingOut');
    await a.call('call.hangup', { lineId: second.lineId });
    expect((await a.waitForSeenLine((l) => l.id === second.lineId && l.state === 'ended')).endReason).toBe('cancelled');
    expect((await b.waitForSeenLine((l) => l.id === ringingAgain.id && l.state === 'ended')).endReason).toBe('cancelled');

    // nobody has this extension
    const third = (await a.call('call.dial', { target: '299' })) as { lineId: string };
    expect((await a.waitForSeenLine((l) => l.id === third.lineId && l.state === 'ended')).endReason).toBe('notFound');

    const pbx = server.server.pbx;
    await waitFor(() => {
      const stats = pbx.stats();
      return stats.calls === 0 && stats.legs === 0 && stats.peerConnections === 0;
    }, { description: 'PBX idle' });
    for (const phone of [a, b]) {
      await waitFor(async () => (await phone.mediaHost.handlers['media.stats']({})).sessions.length === 0, {
        description: 'no peer connection left',
      });
    }
  });
});
