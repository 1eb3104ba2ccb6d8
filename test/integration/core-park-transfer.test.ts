import { afterEach, describe, expect, it } from 'vitest';
import { demoId, type DemoId } from '../../src-server/store/demo-tenant.js';
import { MIN_TONE_RMS, TONE_TOLERANCE_HZ, receivedTone } from '../support/received-tone.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { TestSoftphone } from '../support/test-softphone.js';
import { waitFor } from '../support/wait-for.js';

/**
 * Issue 5 point 2, the features that move people between calls, driven from softphone cores
 * (contract requests → SIP.js → the embedded PBX) with real media: group and directed pickup,
 * blind and attended transfer. Each ends with two-way audio between the right people.
 */
let server: TestServer | undefined;
const phones: TestSoftphone[] = [];

/** wrtc calls on a loaded CI machine take several times longer than on an idle one */
const SLOW = { timeout: 90_000 };

afterEach(async () => {
  await Promise.allSettled(phones.splice(0).map((phone) => phone.dispose()));
  await server?.close();
  server = undefined;
});

const TONE = { A: 440, B: 1000, C: 700, D: 1300 } as const;

async function loggedIn(key: 'A' | 'B' | 'C' | 'D'): Promise<TestSoftphone> {
  const id: DemoId = demoId(key);
  const phone = new TestSoftphone({ toneHz: TONE[key] });
  phones.push(phone);
  await phone.login(server!.server.httpUrl, id.directNumber, id.password);
  return phone;
}

async function expectHears(phone: TestSoftphone, toneHz: number, what: string): Promise<void> {
  await waitFor(
    async () => {
      const tone = await receivedTone(phone.media);
      return tone.rms > MIN_TONE_RMS && Math.abs(tone.frequencyHz - toneHz) <= TONE_TOLERANCE_HZ;
    },
    { timeoutMs: 20_000, description: what },
  );
}

async function dial(phone: TestSoftphone, target: string): Promise<string> {
  return ((await phone.call('call.dial', { target })) as { lineId: string }).lineId;
}

async function answerNext(phone: TestSoftphone): Promise<string> {
  const ringing = await phone.waitForLine((line) => line.state === 'ringingIn');
  await phone.call('call.answer', { lineId: ringing.id });
  await phone.waitForLine((line) => line.id === ringing.id && line.state === 'connected');
  return ringing.id;
}

describe('pickup from a softphone core', SLOW, () => {
  it('group pickup (*8): C takes the call ringing at B; B stops ringing (answered elsewhere); A and C talk', async () => {
    server = await startTestServer();
    const [a, b, c] = [await loggedIn('A'), await loggedIn('B'), await loggedIn('C')];
    const fromA = await dial(a, demoId('B').extension);
    const atB = await b.waitForLine((line) => line.state === 'ringingIn');

    const { lineId: picked } = (await c.call('call.pickup', {})) as { lineId: string };
    expect(c.snapshot.lines.find((line) => line.id === picked)?.remoteNumber).toBe('*8');
    // once connected, the PBX's P-Asserted-Identity turns *8 into the caller; A's line shows C
    await c.waitForLine((line) => line.id === picked && line.state === 'connected' && line.remoteNumber === demoId('A').extension);
    await a.waitForLine((line) => line.id === fromA && line.state === 'connected' && line.remoteNumber === demoId('C').extension);
    expect((await b.waitForSeenLine((line) => line.id === atB.id && line.state === 'ended')).endReason).toBe('answeredElsewhere');
    await expectHears(c, TONE.A, 'C hears A');
    await expectHears(a, TONE.C, 'A hears C');
  });

  it('directed pickup (** + extension): C takes the call ringing at D, not the one ringing at A', async () => {
    server = await startTestServer();
    const [a, b, c, d] = [await loggedIn('A'), await loggedIn('B'), await loggedIn('C'), await loggedIn('D')];
    // two calls ring at once: B → A, and A → D
    await dial(b, demoId('A').extension);
    await a.waitForLine((line) => line.state === 'ringingIn');
    await dial(a, demoId('D').extension);
    const atD = await d.waitForLine((line) => line.state === 'ringingIn');

    const { lineId: picked } = (await c.call('call.pickup', { extension: demoId('D').extension })) as { lineId: string };
    await c.waitForLine((line) => line.id === picked && line.state === 'connected');
    expect((await d.waitForSeenLine((line) => line.id === atD.id && line.state === 'ended')).endReason).toBe('answeredElsewhere');
    // the call ringing at A (from B) is untouched
    expect(a.snapshot.lines.some((line) => line.state === 'ringingIn')).toBe(true);
    await expectHears(c, TONE.A, 'C hears A');
    expect(await c.invoke('call.pickup', { extension: '2x' })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });
});

describe('transfer from a softphone core', SLOW, () => {
  it('blind: B sends A on to C; B’s line ends transferred; A and C talk', async () => {
    server = await startTestServer();
    const [a, b, c] = [await loggedIn('A'), await loggedIn('B'), await loggedIn('C')];
    const fromA = await dial(a, demoId('B').extension);
    const atB = await answerNext(b);
    await expectHears(a, TONE.B, 'A hears B');

    expect(await b.invoke('call.transferBlind', { lineId: 'line-99', target: '203' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    // a target nobody has: the PBX reports the failure (NOTIFY 404) and B has A back
    const statesAtB: string[] = [];
    const stopRecording = b.service.onSnapshot((s) => {
      const state = s.lines.find((line) => line.id === atB)?.state;
      if (state && statesAtB.at(-1) !== state) statesAtB.push(state);
    });
    await b.call('call.transferBlind', { lineId: atB, target: '299' });
    await b.waitFor(() => statesAtB.join() === 'transferring,connected', { description: 'B back with A after the failed transfer' });
    stopRecording();
    await expectHears(b, TONE.A, 'B hears A again');
    await b.call('call.transferBlind', { lineId: atB, target: demoId('C').extension });
    const atC = await c.waitForLine((line) => line.state === 'ringingIn');
    expect(atC.remoteNumber).toBe(demoId('A').extension);
    await c.call('call.answer', { lineId: atC.id });
    expect((await b.waitForSeenLine((line) => line.id === atB && line.state === 'ended')).endReason).toBe('transferred');
    await expectHears(c, TONE.A, 'C hears A');
    await expectHears(a, TONE.C, 'A hears C');
    expect(a.snapshot.lines.find((line) => line.id === fromA)?.state).toBe('connected');
  });

  it('attended: B talks to A, calls C (A held automatically), then joins A and C; both of B’s lines end transferred', async () => {
    server = await startTestServer();
    const [a, b, c] = [await loggedIn('A'), await loggedIn('B'), await loggedIn('C')];
    const fromA = await dial(a, demoId('B').extension);
    const withA = await answerNext(b);
    await expectHears(b, TONE.A, 'B hears A');

    const withC = await dial(b, demoId('C').extension);
    await b.waitForLine((line) => line.id === withA && line.state === 'held');
    await answerNext(c);
    await b.waitForLine((line) => line.id === withC && line.state === 'connected');
    await expectHears(b, TONE.C, 'B hears C (consultation)');

    expect(await b.invoke('call.transferAttended', { lineId: withA, otherLineId: withA })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    await b.call('call.transferAttended', { lineId: withA, otherLineId: withC });
    expect((await b.waitForSeenLine((line) => line.id === withA && line.state === 'ended')).endReason).toBe('transferred');
    expect((await b.waitForSeenLine((line) => line.id === withC && line.state === 'ended')).endReason).toBe('transferred');
    await expectHears(c, TONE.A, 'C hears A');
    await expectHears(a, TONE.C, 'A hears C');
    expect(a.snapshot.lines.find((line) => line.id === fromA)?.state).toBe('connected');
  });
});

describe('park from a softphone core', SLOW, () => {
  it('B parks A; C sees the slot taken by A and retrieves it with two-way audio; a taken slot is refused and the call stays', async () => {
    server = await startTestServer();
    const [a, b, c] = [await loggedIn('A'), await loggedIn('B'), await loggedIn('C')];
    const A = demoId('A');
    await c.waitFor((s) => (s.parkSlots ?? []).length === 8 && s.parkSlots!.every((slot) => !slot.occupied), { description: 'C watches free slots' });
    const fromA = await dial(a, demoId('B').extension);
    const withA = await answerNext(b);
    await expectHears(a, TONE.B, 'A hears B');

    await b.call('call.park', { lineId: withA, slot: '*73' });
    expect((await b.waitForSeenLine((line) => line.id === withA && line.state === 'ended')).endReason).toBe('parked');
    const parked = await c.waitFor((s) => s.parkSlots?.find((slot) => slot.code === '*73')?.occupied === true, { description: 'slot *73 taken at C' });
    const slot = parked.parkSlots!.find((s) => s.code === '*73')!;
    expect(slot.parked).toEqual({ number: A.extension, displayName: A.displayName });
    expect(slot.since).toBeLessThanOrEqual(Date.now());
    expect(a.snapshot.lines.find((line) => line.id === fromA)?.state).toBe('connected');

    // the same slot again: the PBX says it is taken, B's new call with D goes on
    const d = await loggedIn('D');
    const toD = await dial(b, demoId('D').extension);
    await answerNext(d);
    await b.waitForLine((line) => line.id === toD && line.state === 'connected');
    expect(await b.invoke('call.park', { lineId: toD, slot: '*73' })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(b.snapshot.lines.find((line) => line.id === toD)?.state).toBe('connected');
    expect(await b.invoke('call.park', { lineId: toD, slot: '*99' })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    // without a slot: the first free one
    await b.call('call.park', { lineId: toD });
    const first = await c.waitFor((s) => s.parkSlots?.find((x) => x.code === '*71')?.occupied === true, { description: 'slot *71 taken at C' });
    expect(first.parkSlots!.find((x) => x.code === '*71')?.parked?.number).toBe(demoId('D').extension);

    const { lineId: retrieved } = (await c.call('call.retrieve', { slot: '*73' })) as { lineId: string };
    await c.waitForLine((line) => line.id === retrieved && line.state === 'connected');
    await c.waitFor((s) => s.parkSlots?.find((x) => x.code === '*73')?.occupied === false, { description: 'slot *73 free again' });
    await expectHears(c, TONE.A, 'C hears A after retrieve');
    await expectHears(a, TONE.C, 'A hears C after retrieve');
  });
});
