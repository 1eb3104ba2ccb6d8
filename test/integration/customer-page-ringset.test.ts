import { afterEach, describe, expect, it } from 'vitest';
import { call, customerLogin } from '../../src-server/customer-page/api-test-support.js';
import { demoId, type DemoIdKey } from '../../src-server/store/demo-tenant.js';
import type { LineSnapshot } from '../../src-shared/domain/phone-snapshot.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { TestSoftphone } from '../support/test-softphone.js';
import { waitFor } from '../support/wait-for.js';

/**
 * Issue 3, "through the real PBX": a ring-set (鳴り分け) change made through the customer page's
 * API changes who rings on the very next call to that number — no re-login, no restart.
 */
let server: TestServer | undefined;
const phones: TestSoftphone[] = [];

afterEach(async () => {
  await Promise.allSettled(phones.splice(0).map((phone) => phone.dispose()));
  await server?.close();
  server = undefined;
});

const KEYS: readonly DemoIdKey[] = ['A', 'B', 'C', 'D', 'E'];
const TONES: Record<DemoIdKey, number> = { A: 440, B: 550, C: 660, D: 1000, E: 1200 };
const SALES_NUMBER = '0355550200'; // 番号2 (営業部), ring set A, B, C in the demo tenant

interface OverviewBody {
  numbers: { numberId: number; number: string; ringSet: number[] }[];
  ids: { idId: number; directNumber: string }[];
}

const isRingingIn = (line: LineSnapshot): boolean => line.direction === 'incoming' && line.state === 'ringingIn';
const incomingIds = (phone: TestSoftphone): string[] =>
  phone.lineHistory.filter((line) => line.direction === 'incoming').map((line) => line.id);

describe('ring set changed on the customer page, through the real PBX', () => {
  it('the very next call to number 2 rings the new ring set (B, D) and nobody else', async () => {
    server = await startTestServer();
    const { httpUrl, pbx } = server.server;
    const phone = Object.fromEntries(KEYS.map((key) => [key, new TestSoftphone({ toneHz: TONES[key] })])) as Record<
      DemoIdKey,
      TestSoftphone
    >;
    phones.push(...Object.values(phone));
    await Promise.all(KEYS.map((key) => phone[key].login(httpUrl, demoId(key).directNumber, demoId(key).password)));

    // 1) Before the change: A, B and C ring, D does not; E gives up while they ring.
    const first = (await phone.E.call('call.dial', { target: '03-5555-0200' })) as { lineId: string };
    const rangBefore = await Promise.all(
      (['A', 'B', 'C'] as const).map((key) => phone[key].waitForLine(isRingingIn, { description: `${key} ringing (before)` })),
    );
    for (const line of rangBefore) expect(line.calledNumber).toBe(SALES_NUMBER);
    await phone.E.waitForLine((line) => line.id === first.lineId && line.state === 'ringingOut');
    // caller leg + A, B, C: the fork is complete and D is not in it
    expect(pbx.stats()).toMatchObject({ calls: 1, legs: 4 });
    expect(phone.D.lineHistory).toEqual([]);

    await phone.E.call('call.hangup', { lineId: first.lineId });
    expect((await phone.E.waitForSeenLine((l) => l.id === first.lineId && l.state === 'ended')).endReason).toBe(
      'cancelled',
    );
    for (const [i, key] of (['A', 'B', 'C'] as const).entries()) {
      const ended = await phone[key].waitForSeenLine((l) => l.id === rangBefore[i]!.id && l.state === 'ended', {
        description: `${key} stopped ringing`,
      });
      expect(ended.endReason).toBe('cancelled');
    }
    await allClean(phone, pbx);

    // 2) The tenant admin changes number 2's ring set to B and D through the customer API.
    const session = await customerLogin(httpUrl, '050-3000-0001', demoId('A').password);
    const before = await call(httpUrl, 'GET', '/api/customer/overview', session);
    expect(before.status).toBe(200);
    const overview = before.body as OverviewBody;
    const idIdOf = (key: DemoIdKey): number => overview.ids.find((id) => id.directNumber === demoId(key).directNumber)!.idId;
    const sales = overview.numbers.find((n) => n.number === SALES_NUMBER)!;
    expect(sales.ringSet).toEqual([idIdOf('A'), idIdOf('B'), idIdOf('C')]);

    const put = await call(httpUrl, 'PUT', `/api/customer/numbers/${sales.numberId}/ring-set`, {
      ...session,
      body: { idIds: [idIdOf('B'), idIdOf('D')] },
    });
    expect(put.status).toBe(200);
    expect((put.body as { number: { ringSet: number[] } }).number.ringSet).toEqual([idIdOf('B'), idIdOf('D')]);
    const after = (await call(httpUrl, 'GET', '/api/customer/overview', session)).body as OverviewBody;
    expect(after.numbers.find((n) => n.numberId === sales.numberId)!.ringSet).toEqual([idIdOf('B'), idIdOf('D')]);

    // 3) The very next call rings B and D, not A or C.
    const earlierAtA = incomingIds(phone.A);
    const earlierAtC = incomingIds(phone.C);
    const second = (await phone.E.call('call.dial', { target: '03-5555-0200' })) as { lineId: string };
    const [atB, atD] = await Promise.all(
      (['B', 'D'] as const).map((key) => phone[key].waitForLine(isRingingIn, { description: `${key} ringing (after)` })),
    );
    for (const line of [atB!, atD!]) {
      expect(line).toMatchObject({ calledNumber: SALES_NUMBER, remoteNumber: demoId('E').extension });
    }
    await phone.E.waitForLine((line) => line.id === second.lineId && line.state === 'ringingOut');
    // The PBX forks the whole ring set at once: caller leg + B + D, and no leg for A or C.
    expect(pbx.stats()).toMatchObject({ calls: 1, legs: 3 });
    for (const [key, earlier] of [['A', earlierAtA], ['C', earlierAtC]] as const) {
      expect(phone[key].snapshot.lines.filter(isRingingIn), `${key} must not ring`).toEqual([]);
      expect(incomingIds(phone[key]), `${key} got no new incoming line`).toEqual(earlier);
    }

    await phone.D.call('call.answer', { lineId: atD!.id });
    await phone.D.waitForLine((line) => line.id === atD!.id && line.state === 'connected');
    await phone.E.waitForLine((line) => line.id === second.lineId && line.state === 'connected');
    const endedAtB = await phone.B.waitForSeenLine((l) => l.id === atB!.id && l.state === 'ended', {
      description: 'B stopped ringing',
    });
    expect(endedAtB.endReason).toBe('answeredElsewhere');
    await waitFor(() => pbx.stats().legs === 2, { description: 'B leg released' });

    await phone.E.call('call.hangup', { lineId: second.lineId });
    expect((await phone.D.waitForSeenLine((l) => l.id === atD!.id && l.state === 'ended')).endReason).toBe(
      'remoteHangup',
    );
    await allClean(phone, pbx);
    for (const [key, earlier] of [['A', earlierAtA], ['C', earlierAtC]] as const) {
      expect(incomingIds(phone[key]), `${key} never rang for the second call`).toEqual(earlier);
    }
  });
});

async function allClean(
  phone: Record<DemoIdKey, TestSoftphone>,
  pbx: NonNullable<TestServer>['server']['pbx'],
): Promise<void> {
  for (const key of KEYS) {
    await phone[key].waitFor((s) => s.lines.every((line) => line.state === 'ended'), {
      description: `${key} has no live line`,
    });
    await waitFor(async () => (await phone[key].mediaHost.handlers['media.stats']({})).sessions.length === 0, {
      description: `${key} media host has no peer connection`,
    });
  }
  await waitFor(
    () => {
      const stats = pbx.stats();
      return stats.calls === 0 && stats.legs === 0 && stats.peerConnections === 0;
    },
    { description: 'PBX idle' },
  );
}
