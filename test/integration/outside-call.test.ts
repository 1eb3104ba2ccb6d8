import { afterEach, describe, expect, it } from 'vitest';
import type { LineSnapshot } from '../../src-shared/domain/phone-snapshot.js';
import { call as api, customerLogin, softphoneLogin } from '../../src-server/customer-page/api-test-support.js';
import { DEMO_TENANT, DEMO_TENANT_2, demoId, demoTenant2Id } from '../../src-server/store/demo-tenant.js';
import { RawSipClient } from '../support/raw-sip-client.js';
import { MIN_TONE_RMS, TONE_TOLERANCE_HZ, receivedTone } from '../support/received-tone.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { TestSoftphone } from '../support/test-softphone.js';
import { waitFor } from '../support/wait-for.js';

/**
 * Issue 4 points 1 and 9 (and issue 3 "through the real PBX"): staff of one demo tenant call the
 * other's company number as an outside call. The callee's ring set rings with the caller number
 * (the ID's default as the customer page last set it, or the number picked for this call); a
 * number the caller's tenant does not own is refused with 403. Both tenants' call logs get their
 * side: outgoing (charged, 06 fixed line: 8円 per started 3 min) and incoming (free).
 */
let server: TestServer | undefined;
const phones: TestSoftphone[] = [];
const rawClients: RawSipClient[] = [];

afterEach(async () => {
  await Promise.allSettled(rawClients.splice(0).map((client) => client.close()));
  await Promise.allSettled(phones.splice(0).map((phone) => phone.dispose()));
  await server?.close();
  server = undefined;
});

const TONE_CALLER = 440;
const KEYS_2 = ['A', 'B', 'C'] as const;
const TONES_2 = { A: 550, B: 660, C: 770 } as const;
/** a minimal offer: enough for the PBX to read the INVITE (it refuses before any media is made) */
const RAW_OFFER = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=rtpmap:111 opus/48000/2\r\n';

interface LogEntry {
  kind: string;
  result: string;
  callerIdId: number | null;
  callerNumber: string;
  callerName: string;
  dialledNumber: string;
  companyNumber: string | null;
  calleeIdIds: number[];
  answeredByIdId: number | null;
  durationSeconds: number;
  chargeYen: number | null;
}

describe('outside calls between the two demo tenants', () => {
  it('ring the other tenant’s ring set with the allowed caller number; an unowned number is refused with 403', async () => {
    server = await startTestServer();
    const { httpUrl, sipWsUrl } = server.server;
    const A = demoId('A');
    const main2 = DEMO_TENANT_2.companyNumbers.find((n) => n.kind === 'contract')!;
    expect(main2).toMatchObject({ number: '0666660100', label: '代表', ringSet: ['A', 'B', 'C'] });

    const caller = new TestSoftphone({ toneHz: TONE_CALLER });
    const callee = Object.fromEntries(KEYS_2.map((key) => [key, new TestSoftphone({ toneHz: TONES_2[key] })])) as Record<
      (typeof KEYS_2)[number],
      TestSoftphone
    >;
    phones.push(caller, ...Object.values(callee));
    await Promise.all([
      caller.login(httpUrl, A.directNumber, A.password),
      ...KEYS_2.map((key) => callee[key].login(httpUrl, demoTenant2Id(key).directNumber, demoTenant2Id(key).password)),
    ]);

    const seen = new Set<string>();
    /** the next call ringing at every ID of tenant 2's 代表 ring set (lines not seen before) */
    const ringingAtTenant2 = async (): Promise<Record<(typeof KEYS_2)[number], LineSnapshot>> => {
      const lines = await Promise.all(
        KEYS_2.map((key) =>
          callee[key].waitForLine((line) => line.direction === 'incoming' && line.state === 'ringingIn' && !seen.has(line.id), {
            description: `tenant 2 ${key} ringing`,
          }),
        ),
      );
      for (const line of lines) seen.add(line.id);
      return { A: lines[0]!, B: lines[1]!, C: lines[2]! };
    };
    const allEnded = async (): Promise<void> => {
      for (const phone of [caller, ...Object.values(callee)]) {
        await phone.waitFor((s) => s.lines.every((line) => line.state === 'ended'), { description: 'no live line' });
      }
    };

    // (a) A of tenant 1 calls tenant 2's 代表: its ring set rings with A's default caller number.
    const first = (await caller.call('call.dial', { target: '06-6666-0100' })) as { lineId: string };
    const ringing = await ringingAtTenant2();
    for (const line of Object.values(ringing)) {
      expect(line).toMatchObject({
        remoteNumber: A.defaultCallerNumber,
        remoteName: DEMO_TENANT.name, // outside calls show the calling company
        calledNumber: main2.number,
        calledLabel: main2.label,
      });
    }
    expect(A.defaultCallerNumber).toBe('0355550100');
    await caller.waitForLine((line) => line.id === first.lineId && line.state === 'ringingOut');
    await callee.B.call('call.answer', { lineId: ringing.B.id });
    await callee.B.waitForLine((line) => line.id === ringing.B.id && line.state === 'connected');
    await caller.waitForLine((line) => line.id === first.lineId && line.state === 'connected');
    for (const key of ['A', 'C'] as const) {
      await callee[key].waitForSeenLine((line) => line.id === ringing[key].id && line.state === 'ended', { description: `${key} stopped ringing` });
    }
    const heard = await receivedTone(callee.B.media);
    expect(heard.rms).toBeGreaterThan(MIN_TONE_RMS);
    expect(Math.abs(heard.frequencyHz - TONE_CALLER)).toBeLessThanOrEqual(TONE_TOLERANCE_HZ);
    await caller.call('call.hangup', { lineId: first.lineId });
    expect((await callee.B.waitForSeenLine((line) => line.id === ringing.B.id && line.state === 'ended')).endReason).toBe('remoteHangup');
    await allEnded();

    // (b) the customer page changes A's caller number; the very next call presents it.
    const customer1 = await customerLogin(httpUrl, A.directNumber, A.password);
    const overview = (await api(httpUrl, 'GET', '/api/customer/overview', customer1)).body as { ids: { idId: number; directNumber: string }[] };
    const idOf = (directNumber: string, ids = overview.ids) => ids.find((id) => id.directNumber === directNumber)!.idId;
    const patched = await api(httpUrl, 'PATCH', `/api/customer/ids/${idOf(A.directNumber)}`, {
      ...customer1,
      body: { defaultCallerNumber: '0355550200' },
    });
    expect(patched.status, patched.message).toBe(200);
    const second = (await caller.call('call.dial', { target: main2.number })) as { lineId: string };
    const ringing2 = await ringingAtTenant2();
    for (const line of Object.values(ringing2)) expect(line.remoteNumber).toBe('0355550200');
    await caller.waitForLine((line) => line.id === second.lineId && line.state === 'ringingOut');
    await caller.call('call.hangup', { lineId: second.lineId });
    await allEnded();

    // (c) a number picked for this call (one the tenant owns) is presented instead.
    const third = (await caller.call('call.dial', { target: main2.number, callerNumber: '0355550300' })) as { lineId: string };
    const ringing3 = await ringingAtTenant2();
    for (const line of Object.values(ringing3)) expect(line.remoteNumber).toBe('0355550300');
    await caller.waitForLine((line) => line.id === third.lineId && line.state === 'ringingOut');
    await caller.call('call.hangup', { lineId: third.lineId });
    await allEnded();

    // (d) asking for a number the tenant does not own (tenant 2's) is refused with 403; nothing rings.
    const token = await softphoneLogin(httpUrl, A.directNumber, A.password);
    const config = (await api(httpUrl, 'GET', '/api/softphone/config', { token })).body as {
      sip: { authorizationUsername: string; password: string };
    };
    const raw = await RawSipClient.connect(sipWsUrl);
    rawClients.push(raw);
    const account = { user: config.sip.authorizationUsername, password: config.sip.password };
    const refused = await raw.invite(account, main2.number, RAW_OFFER, [`P-Preferred-Identity: <sip:${main2.number}@plusphone.test>`]);
    const forbidden = await refused.response(403, 403);
    expect(forbidden.reason).toMatch(/caller number/i);
    refused.ackNon2xx(forbidden);
    expect(Object.values(callee).flatMap((phone) => phone.lineHistory.filter((line) => !seen.has(line.id)))).toEqual([]);

    // Both tenants' call logs have their side of the three calls.
    const logOf = async (credentials: { cookie: string; csrfToken: string }) =>
      waitFor(
        async () => {
          const page = (await api(httpUrl, 'GET', '/api/customer/call-log', credentials)).body as { total: number; entries: LogEntry[] };
          return page.total >= 3 && page.entries;
        },
        { description: 'three calls in the call log' },
      );
    const log1 = await logOf(customer1);
    expect(log1).toHaveLength(3);
    expect(log1.map((entry) => [entry.kind, entry.result, entry.callerNumber])).toEqual([
      ['outgoingOutside', 'cancelled', '0355550300'],
      ['outgoingOutside', 'cancelled', '0355550200'],
      ['outgoingOutside', 'answered', '0355550100'],
    ]);
    const answered1 = log1[2]!;
    expect(answered1).toMatchObject({
      callerIdId: idOf(A.directNumber),
      callerName: DEMO_TENANT.name,
      dialledNumber: main2.number,
      companyNumber: null,
      calleeIdIds: [], // the other tenant's IDs are not this tenant's business
      answeredByIdId: null,
      chargeYen: 8 * Math.ceil(answered1.durationSeconds / 180),
    });
    expect(answered1.durationSeconds).toBeGreaterThan(0);

    const B2 = demoTenant2Id('B');
    const customer2 = await customerLogin(httpUrl, demoTenant2Id('A').directNumber, demoTenant2Id('A').password);
    const overview2 = (await api(httpUrl, 'GET', '/api/customer/overview', customer2)).body as { ids: { idId: number; directNumber: string }[] };
    const log2 = await logOf(customer2);
    expect(log2.map((entry) => [entry.kind, entry.result, entry.callerNumber, entry.chargeYen])).toEqual([
      ['incomingOutside', 'cancelled', '0355550300', 0],
      ['incomingOutside', 'cancelled', '0355550200', 0],
      ['incomingOutside', 'answered', '0355550100', 0],
    ]);
    expect(log2[2]).toMatchObject({
      callerIdId: null,
      dialledNumber: main2.number,
      companyNumber: main2.number,
      calleeIdIds: KEYS_2.map((key) => idOf(demoTenant2Id(key).directNumber, overview2.ids)),
      answeredByIdId: idOf(B2.directNumber, overview2.ids),
    });

    const pbx = server.server.pbx;
    await waitFor(() => {
      const stats = pbx.stats();
      return stats.calls === 0 && stats.legs === 0 && stats.peerConnections === 0;
    }, { description: 'PBX idle' });
  });
});
