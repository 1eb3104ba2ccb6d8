import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallHistoryEntry } from '../../src-shared/domain/call-history.js';
import { demoId } from '../../src-server/store/demo-tenant.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { TestSoftphone } from '../support/test-softphone.js';
import { waitFor } from '../support/wait-for.js';

/**
 * Issue 5 point 6: two real softphone cores through the real server, each with its own history
 * database file. Every finished call lands once in both histories with the right result.
 */
let server: TestServer | undefined;
const phones: TestSoftphone[] = [];
const dirs: string[] = [];

afterEach(async () => {
  await Promise.allSettled(phones.splice(0).map((phone) => phone.dispose()));
  await server?.close();
  server = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function softphone(toneHz: number, databasePath: string): TestSoftphone {
  const phone = new TestSoftphone({ toneHz, serviceOptions: { databasePath } });
  phones.push(phone);
  return phone;
}

async function history(phone: TestSoftphone, args: { filter?: 'all' | 'missed' | 'incoming' | 'outgoing' } = {}): Promise<CallHistoryEntry[]> {
  return (await phone.call('history.list', args)) as CallHistoryEntry[];
}

describe('call history', () => {
  it('records answered, rejected and missed calls on both sides, counts missed calls, survives a restart, calls back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plusphone-history-it-'));
    dirs.push(dir);
    const pathA = join(dir, 'a', 'plusphone.sqlite3');
    const pathB = join(dir, 'b', 'plusphone.sqlite3');
    server = await startTestServer();
    const { httpUrl } = server.server;
    const A = demoId('A');
    const B = demoId('B');
    const a = softphone(440, pathA);
    let b = softphone(1000, pathB);
    await Promise.all([a.login(httpUrl, A.directNumber, A.password), b.login(httpUrl, B.directNumber, B.password)]);
    expect(a.snapshot.missedCalls).toBe(0);

    // 1. A calls B, B answers, A hangs up
    const first = (await a.call('call.dial', { target: B.extension })) as { lineId: string };
    const ringing = await b.waitForLine((l) => l.direction === 'incoming' && l.state === 'ringingIn');
    await b.call('call.answer', { lineId: ringing.id });
    await a.waitForLine((l) => l.id === first.lineId && l.state === 'connected');
    await a.call('call.hangup', { lineId: first.lineId });
    await a.waitForSeenLine((l) => l.id === first.lineId && l.state === 'ended');
    await b.waitForSeenLine((l) => l.id === ringing.id && l.state === 'ended');
    expect(await history(a)).toMatchObject([
      {
        direction: 'outgoing',
        remoteNumber: B.extension,
        callerNumber: A.defaultCallerNumber,
        result: 'answered',
        charge: { priced: true, rate: 'free', yen: 0 },
      },
    ]);
    const [answeredAtB] = await history(b);
    expect(answeredAtB).toMatchObject({
      direction: 'incoming',
      remoteNumber: A.extension,
      remoteName: A.displayName,
      calledNumber: B.extension,
      calledLabel: B.displayName,
      result: 'answered',
      charge: { priced: true, rate: 'free', yen: 0 },
    });
    expect(answeredAtB!.answeredAt).toBeGreaterThanOrEqual(answeredAtB!.startedAt);
    expect(answeredAtB!.endedAt).toBeGreaterThanOrEqual(answeredAtB!.answeredAt!);

    // 2. A calls B, B rejects: A hears busy (486), B rejected it
    const second = (await a.call('call.dial', { target: B.extension })) as { lineId: string };
    const ringing2 = await b.waitForLine((l) => l.direction === 'incoming' && l.state === 'ringingIn');
    await b.call('call.reject', { lineId: ringing2.id });
    await a.waitForSeenLine((l) => l.id === second.lineId && l.state === 'ended');
    await b.waitForSeenLine((l) => l.id === ringing2.id && l.state === 'ended');
    expect((await history(a))[0]).toMatchObject({ direction: 'outgoing', result: 'busy', durationSeconds: 0, charge: { yen: 0 } });
    expect((await history(b))[0]).toMatchObject({ direction: 'incoming', result: 'rejected', durationSeconds: 0 });
    expect(b.snapshot.missedCalls).toBe(0);

    // 3. A gives up while B rings: missed at B, cancelled at A
    const third = (await a.call('call.dial', { target: B.directNumber })) as { lineId: string };
    const ringing3 = await b.waitForLine((l) => l.direction === 'incoming' && l.state === 'ringingIn');
    await a.waitForLine((l) => l.id === third.lineId && l.state === 'ringingOut');
    await a.call('call.hangup', { lineId: third.lineId });
    await b.waitFor((s) => s.missedCalls === 1, { description: 'B shows one missed call' });
    await b.waitForSeenLine((l) => l.id === ringing3.id && l.state === 'ended');
    expect((await history(a))[0]).toMatchObject({ result: 'cancelled' });
    const missed = await history(b, { filter: 'missed' });
    expect(missed).toMatchObject([{ direction: 'incoming', remoteNumber: A.extension, calledNumber: B.directNumber, result: 'missed', seen: false }]);
    expect(await history(a, { filter: 'missed' })).toEqual([]);
    expect((await history(a)).map((e) => e.result)).toEqual(['cancelled', 'busy', 'answered']);
    expect((await history(b, { filter: 'incoming' })).map((e) => e.result)).toEqual(['missed', 'rejected', 'answered']);
    expect(await history(b, { filter: 'outgoing' })).toEqual([]);

    // 4. restart B's core on the same file: the history and the missed count are still there
    await b.dispose();
    phones.splice(phones.indexOf(b), 1);
    b = softphone(1000, pathB);
    await b.login(httpUrl, B.directNumber, B.password);
    expect(b.snapshot.missedCalls).toBe(1);
    expect((await history(b)).map((e) => e.result)).toEqual(['missed', 'rejected', 'answered']);

    await b.call('history.markSeen', {});
    expect(b.snapshot.missedCalls).toBe(0);
    expect((await history(b, { filter: 'missed' }))[0]).toMatchObject({ seen: true });

    // 5. call back the missed call: B dials A's extension through the dial path
    const callback = (await b.call('history.callback', { entryId: missed[0]!.id })) as { lineId: string };
    expect(b.snapshot.lines.find((l) => l.id === callback.lineId)).toMatchObject({ direction: 'outgoing', remoteNumber: A.extension });
    const atA = await a.waitForLine((l) => l.direction === 'incoming' && l.state === 'ringingIn');
    expect(atA).toMatchObject({ remoteNumber: B.extension });
    await b.call('call.hangup', { lineId: callback.lineId });
    await a.waitFor((s) => s.missedCalls === 1, { description: 'A shows the callback as missed' });
    expect(await b.invoke('history.callback', { entryId: 999_999 })).toMatchObject({ ok: false, error: { code: 'not-found' } });

    const pbx = server.server.pbx;
    await waitFor(() => {
      const stats = pbx.stats();
      return stats.calls === 0 && stats.legs === 0 && stats.peerConnections === 0;
    }, { description: 'PBX idle' });
  });
});
