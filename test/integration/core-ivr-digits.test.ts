import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { TestSoftphone } from '../support/test-softphone.js';

/**
 * Issue 6 point 2 through the core: a caller who pressed keys in a voice menu reaches the ringing
 * softphones with the keys (X-IVR-Digits) on the line, so the popup can show them. The demo menu
 * is on 06-6666-0200 経理部 of the second tenant: key 2 rings 中村 (05031000002) and 小林.
 */
let server: TestServer | undefined;
const phones: TestSoftphone[] = [];

afterEach(async () => {
  await Promise.allSettled(phones.splice(0).map((phone) => phone.dispose()));
  await server?.close();
  server = undefined;
});

describe('IVR keys on an incoming line', () => {
  it('shows the keys the simulated caller pressed, with the called number and its label', async () => {
    server = await startTestServer();
    const phone = new TestSoftphone({ toneHz: 500 });
    phones.push(phone);
    await phone.login(server.server.httpUrl, '05031000002', 'sample-demo-b');

    expect(server.server.pbx.placeInboundCall('090-1234-5678', '0666660200', { ivrDigits: '2' }).status).toBe(200);
    const line = await phone.waitForLine((l) => l.direction === 'incoming' && l.state === 'ringingIn', { description: 'ringing after the menu', timeoutMs: 30_000 });
    expect(line).toMatchObject({ remoteNumber: '09012345678', calledNumber: '0666660200', calledLabel: '経理部', ivrDigits: '2' });
    await phone.call('call.reject', { lineId: line.id });
  });
});
