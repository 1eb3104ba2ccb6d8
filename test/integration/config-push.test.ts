import { afterEach, describe, expect, it } from 'vitest';
import { call, customerLogin } from '../../src-server/customer-page/api-test-support.js';
import { demoId } from '../../src-server/store/demo-tenant.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { TestSoftphone } from '../support/test-softphone.js';

/**
 * Issue 3 point 2: a change made through the customer API reaches a running softphone without
 * re-login (ConfigWatcher polling GET /api/softphone/config with If-None-Match), and the very
 * next call uses it.
 */
let server: TestServer | undefined;
const phones: TestSoftphone[] = [];

afterEach(async () => {
  await Promise.allSettled(phones.splice(0).map((phone) => phone.dispose()));
  await server?.close();
  server = undefined;
});

describe('config pushed to a running softphone', () => {
  it("the admin changes B's default caller number and name; B's phone shows them while registered, and dials", async () => {
    server = await startTestServer();
    const { httpUrl } = server.server;
    const A = demoId('A');
    const B = demoId('B');
    const b = new TestSoftphone({ toneHz: 1000, serviceOptions: { configPollIntervalMs: 100 } });
    phones.push(b);
    await b.login(httpUrl, B.directNumber, B.password);
    expect(b.snapshot.account).toMatchObject({ defaultCallerNumber: B.defaultCallerNumber, displayName: B.displayName });

    const admin = await customerLogin(httpUrl, '050-3000-0001', 'plus-demo-a');
    const overview = await call(httpUrl, 'GET', '/api/customer/overview', admin);
    const bId = (overview.body as { ids: { idId: number; directNumber: string }[] }).ids.find((id) => id.directNumber === B.directNumber);
    expect(bId).toBeDefined();
    const patched = await call(httpUrl, 'PATCH', `/api/customer/ids/${bId!.idId}`, {
      ...admin,
      body: { defaultCallerNumber: '03-5555-0200', displayName: '鈴木 営業' },
    });
    expect(patched.status).toBe(200);

    const updated = await b.waitFor(
      (s) => s.account?.defaultCallerNumber === '0355550200' && s.account.displayName === '鈴木 営業',
      { description: "B's snapshot with the new caller number and name" },
    );
    expect(updated.registration).toEqual({ state: 'registered', error: null });

    // the next call without a chosen number presents the new default
    const a = new TestSoftphone({ toneHz: 440 });
    phones.push(a);
    await a.login(httpUrl, A.directNumber, A.password);
    const { lineId } = (await b.call('call.dial', { target: A.extension })) as { lineId: string };
    expect(b.snapshot.lines.find((line) => line.id === lineId)).toMatchObject({ direction: 'outgoing', callerNumber: '0355550200' });
    const ringing = await a.waitForLine((line) => line.direction === 'incoming' && line.state === 'ringingIn');
    expect(ringing.remoteNumber).toBe(B.extension);
    await b.call('call.hangup', { lineId });
    await b.waitForSeenLine((line) => line.id === lineId && line.state === 'ended');
    expect(b.snapshot.registration.state).toBe('registered');
  });
});
