import { afterEach, describe, expect, it } from 'vitest';
import { call as api, customerLogin } from '../../src-server/customer-page/api-test-support.js';
import { demoId, demoTenant2Id } from '../../src-server/store/demo-tenant.js';
import { speechHeard } from '../support/speech-energy.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { TestSoftphone } from '../support/test-softphone.js';
import { waitFor } from '../support/wait-for.js';

/**
 * Issue 4 point 3 (channels, DESIGN.md §2): the second demo tenant has 3 IDs, so 3 channels. With
 * 3 outside calls ringing the never-answering simulator number, its 4th outgoing outside call gets
 * 486 (the line ends busy), an outside caller (tenant 1) hears the busy message and is hung up on,
 * internal calls still go through, and once the calls end every channel is free again.
 */
let server: TestServer | undefined;
const phones: TestSoftphone[] = [];

afterEach(async () => {
  await Promise.allSettled(phones.splice(0).map((phone) => phone.dispose()));
  await server?.close();
  server = undefined;
});

const KEYS = ['A', 'B', 'C'] as const;

describe('channels', () => {
  it('never exceed the number of IDs, refuse or play the busy message, and are always given back', async () => {
    server = await startTestServer();
    const { httpUrl } = server.server;
    const pbx = server.server.pbx;
    const t2 = KEYS.map((key, i) => new TestSoftphone({ toneHz: 500 + i * 100 }));
    const outsider = new TestSoftphone({ toneHz: 440 });
    phones.push(...t2, outsider);
    await Promise.all([
      ...KEYS.map((key, i) => t2[i]!.login(httpUrl, demoTenant2Id(key).directNumber, demoTenant2Id(key).password)),
      outsider.login(httpUrl, demoId('A').directNumber, demoId('A').password),
    ]);

    // All three channels in use: each ID calls the number that rings forever.
    const ringing = await Promise.all(
      t2.map(async (phone) => {
        const { lineId } = (await phone.call('call.dial', { target: '0312340004' })) as { lineId: string };
        await phone.waitForLine((line) => line.id === lineId && line.state === 'ringingOut', { description: 'ringing out' });
        return lineId;
      }),
    );
    expect(pbx.stats().channelsInUse).toBe(3);

    // A 4th outgoing outside call: 486, the line ends busy.
    const { lineId: refused } = (await t2[0]!.call('call.dial', { target: '0312340001' })) as { lineId: string };
    const refusedLine = await t2[0]!.waitForSeenLine((line) => line.id === refused && line.state === 'ended', { description: '4th call ended' });
    expect(refusedLine.endReason).toBe('busy');

    // Internal calls use no channel: 2A reaches 2B by extension.
    const { lineId: internal } = (await t2[0]!.call('call.dial', { target: demoTenant2Id('B').extension })) as { lineId: string };
    const atB = await t2[1]!.waitForLine((line) => line.direction === 'incoming' && line.state === 'ringingIn', { description: '2B rings' });
    await t2[0]!.call('call.hangup', { lineId: internal });
    await t2[1]!.waitForSeenLine((line) => line.id === atB.id && line.state === 'ended');

    // An outside caller hears the busy message, then the PBX hangs up.
    const { lineId: incoming } = (await outsider.call('call.dial', { target: '06-6666-0100' })) as { lineId: string };
    await outsider.waitForLine((line) => line.id === incoming && line.state === 'connected', { description: 'busy message answers' });
    expect(await speechHeard(outsider.media)).toBeGreaterThan(0.02);
    const hungUp = await outsider.waitForSeenLine((line) => line.id === incoming && line.state === 'ended', {
      timeoutMs: 15_000,
      description: 'the PBX hangs up after the busy message',
    });
    expect(hungUp.endReason).toBe('remoteHangup');
    for (const phone of t2) expect(phone.lineHistory.filter((line) => line.direction === 'incoming' && line.id !== atB.id)).toEqual([]);

    // Both call logs have the refused call as busy, not as answered.
    const logOf = async (loginId: string, password: string, dialled: string) => {
      const customer = await customerLogin(httpUrl, loginId, password);
      return waitFor(async () => {
        const page = (await api(httpUrl, 'GET', '/api/customer/call-log', customer)).body as { entries: { kind: string; result: string; dialledNumber: string }[] };
        return page.entries.find((entry) => entry.dialledNumber === dialled);
      }, { description: `${dialled} in the call log` });
    };
    expect(await logOf(demoId('A').directNumber, demoId('A').password, '0666660100')).toMatchObject({ kind: 'outgoingOutside', result: 'busy' });
    expect(await logOf(demoTenant2Id('A').directNumber, demoTenant2Id('A').password, '0666660100')).toMatchObject({ kind: 'incomingOutside', result: 'busy' });
    expect(await logOf(demoTenant2Id('A').directNumber, demoTenant2Id('A').password, '0312340001')).toMatchObject({ kind: 'outgoingOutside', result: 'busy' });

    // Hanging up gives every channel back; the next outside call goes through.
    await Promise.all(t2.map((phone, i) => phone.call('call.hangup', { lineId: ringing[i]! })));
    await waitFor(() => pbx.stats().channelsInUse === 0, { description: 'channels given back' });
    const { lineId: again } = (await t2[0]!.call('call.dial', { target: '0312340001' })) as { lineId: string };
    await t2[0]!.waitForLine((line) => line.id === again && line.state === 'connected', { description: 'a channel is free again' });
    expect(pbx.stats().channelsInUse).toBe(1);
    await t2[0]!.call('call.hangup', { lineId: again });
    await waitFor(() => {
      const stats = pbx.stats();
      return stats.calls === 0 && stats.legs === 0 && stats.peerConnections === 0 && stats.channelsInUse === 0;
    }, { description: 'PBX idle' });
  });
});
