import { afterEach, describe, expect, it } from 'vitest';
import { demoId } from '../../src-server/store/demo-tenant.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { TestSoftphone } from '../support/test-softphone.js';
import { waitFor } from '../support/wait-for.js';

/**
 * Issue 3, call log: real calls between two softphone cores through the embedded PBX end up in
 * the customer page's call log once each, with who, when, how and 0円 (internal calls are free).
 */
let server: TestServer | undefined;
const phones: TestSoftphone[] = [];

afterEach(async () => {
  await Promise.allSettled(phones.splice(0).map((phone) => phone.dispose()));
  await server?.close();
  server = undefined;
});

interface Entry {
  kind: string;
  result: string;
  callerIdId: number | null;
  callerNumber: string;
  callerName: string;
  dialledNumber: string;
  companyNumber: string | null;
  calleeIdIds: number[];
  answeredByIdId: number | null;
  startedAt: number;
  answeredAt: number | null;
  endedAt: number;
  durationSeconds: number;
  chargeYen: number | null;
}

/** The customer page's session for the demo tenant (主番号 = A's direct number). */
async function customerCookie(httpUrl: string): Promise<string> {
  const A = demoId('A');
  const response = await fetch(`${httpUrl}/api/customer/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ mainNumber: A.directNumber, password: A.password }),
  });
  expect(response.status).toBe(200);
  const cookie = response.headers.get('set-cookie');
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0] ?? '';
}

describe('call log (CDR) through the embedded PBX', () => {
  it('records an answered call and a cancelled one, once each, with the right fields and 0円', async () => {
    server = await startTestServer();
    const { httpUrl } = server.server;
    const A = demoId('A');
    const B = demoId('B');
    const a = new TestSoftphone({ toneHz: 440 });
    const b = new TestSoftphone({ toneHz: 1000 });
    phones.push(a, b);
    await Promise.all([a.login(httpUrl, A.directNumber, A.password), b.login(httpUrl, B.directNumber, B.password)]);

    const before = Date.now();
    // 1. answered, then hung up by A
    const first = (await a.call('call.dial', { target: B.extension })) as { lineId: string };
    const ringing = await b.waitForLine((line) => line.direction === 'incoming' && line.state === 'ringingIn');
    await b.call('call.answer', { lineId: ringing.id });
    await a.waitForLine((line) => line.id === first.lineId && line.state === 'connected');
    await a.call('call.hangup', { lineId: first.lineId });
    await b.waitForSeenLine((line) => line.id === ringing.id && line.state === 'ended');

    // 2. A gives up while B rings
    const second = (await a.call('call.dial', { target: B.directNumber })) as { lineId: string };
    const ringingAgain = await b.waitForLine((line) => line.direction === 'incoming' && line.state === 'ringingIn');
    await a.waitForLine((line) => line.id === second.lineId && line.state === 'ringingOut');
    await a.call('call.hangup', { lineId: second.lineId });
    await b.waitForSeenLine((line) => line.id === ringingAgain.id && line.state === 'ended');
    const after = Date.now();

    const cookie = await customerCookie(httpUrl);
    const get = async (path: string) => {
      const response = await fetch(`${httpUrl}${path}`, { headers: { Cookie: cookie } });
      expect(response.status, path).toBe(200);
      return (await response.json()) as Record<string, unknown>;
    };
    const overview = (await get('/api/customer/overview')) as { ids: { idId: number; directNumber: string }[] };
    const idOf = (directNumber: string) => overview.ids.find((id) => id.directNumber === directNumber)?.idId;

    const log = await waitFor(
      async () => {
        const page = (await get('/api/customer/call-log')) as { total: number; entries: Entry[] };
        return page.total >= 2 && page;
      },
      { description: 'both calls in the call log' },
    );
    expect(log.total).toBe(2);
    const [cancelled, answered] = log.entries as [Entry, Entry];

    expect(answered).toMatchObject({
      kind: 'internal',
      result: 'answered',
      callerIdId: idOf(A.directNumber),
      callerNumber: A.extension,
      callerName: A.displayName,
      dialledNumber: B.extension,
      companyNumber: null,
      calleeIdIds: [idOf(B.directNumber)],
      answeredByIdId: idOf(B.directNumber),
      chargeYen: 0,
    });
    expect(answered.startedAt).toBeGreaterThanOrEqual(before);
    expect(answered.answeredAt).toBeGreaterThanOrEqual(answered.startedAt);
    expect(answered.endedAt).toBeGreaterThanOrEqual(answered.answeredAt!);
    expect(answered.endedAt).toBeLessThanOrEqual(after);
    expect(answered.durationSeconds).toBe(Math.ceil((answered.endedAt - answered.answeredAt!) / 1000));

    expect(cancelled).toMatchObject({
      kind: 'internal',
      result: 'cancelled',
      dialledNumber: B.directNumber,
      calleeIdIds: [idOf(B.directNumber)],
      answeredByIdId: null,
      answeredAt: null,
      durationSeconds: 0,
      chargeYen: 0,
    });

    const summary = await get('/api/customer/call-log/summary');
    expect(summary).toMatchObject({
      calls: 2,
      answered: 1,
      durationSeconds: answered.durationSeconds,
      chargeYen: 0,
      byKind: { internal: { calls: 2, answered: 1 }, outgoingOutside: { calls: 0 }, incomingOutside: { calls: 0 } },
    });
  });
});
