import { afterEach, describe, expect, it } from 'vitest';
import type { SoftphoneConfig } from '../../src-shared/provisioning/softphone-config.js';
import { demoId } from '../../src-server/store/demo-tenant.js';
import { SipInterceptor } from '../support/sip-interceptor.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { TestSoftphone } from '../support/test-softphone.js';

/**
 * Issue 5 point 9: settings the core acts on. "Auto-answer intercom" off makes an intercom
 * INVITE ring like any call; "DND at start" turns do-not-disturb on at login.
 */
let server: TestServer | undefined;
let interceptor: SipInterceptor | undefined;
const phones: TestSoftphone[] = [];

afterEach(async () => {
  await Promise.allSettled(phones.splice(0).map((phone) => phone.dispose()));
  await interceptor?.close();
  interceptor = undefined;
  await server?.close();
  server = undefined;
});

function softphone(toneHz: number, wsUrl?: string): TestSoftphone {
  const adjust = (config: SoftphoneConfig): SoftphoneConfig => (wsUrl ? { ...config, sip: { ...config.sip, wsUrl } } : config);
  const phone = new TestSoftphone({ toneHz, serviceOptions: { adjustProvisionedConfig: adjust } });
  phones.push(phone);
  return phone;
}

describe('settings the core acts on', () => {
  it('with auto-answer intercom off, an intercom INVITE rings; DND at start applies at login', async () => {
    server = await startTestServer();
    const { httpUrl } = server.server;
    interceptor = await SipInterceptor.start(server.server.sipWsUrl);
    interceptor.rewriteFromServer((text) =>
      text.startsWith('INVITE ') ? text.replace('\r\n', '\r\nCall-Info: <sip:plusphone.test>;answer-after=0\r\n') : text,
    );
    const A = demoId('A');
    const B = demoId('B');
    const a = softphone(440);
    const b = softphone(1_000, interceptor.url);
    await b.call('settings.update', { autoAnswerIntercom: false });
    await Promise.all([a.login(httpUrl, A.directNumber, A.password), b.login(httpUrl, B.directNumber, B.password)]);
    expect(b.snapshot.dnd).toBe(false);
    expect(b.snapshot.settings?.autoAnswerIntercom).toBe(false);

    const { lineId } = (await a.call('call.dial', { target: B.extension })) as { lineId: string };
    const ringing = await b.waitForLine((line) => line.state === 'ringingIn');
    expect(ringing.autoAnswered).toBe(false);
    // answering by hand works only because it was not answered by itself
    await b.call('call.answer', { lineId: ringing.id });
    await a.waitForLine((line) => line.id === lineId && line.state === 'connected');
    expect(b.lineHistory.some((line) => line.autoAnswered)).toBe(false);
    await a.call('call.hangup', { lineId });
    await b.waitForSeenLine((line) => line.id === ringing.id && line.state === 'ended');

    await b.call('account.logout', {});
    await b.call('settings.update', { dndDefault: true });
    await b.login(httpUrl, B.directNumber, B.password);
    expect(b.snapshot.dnd).toBe(true);
  });
});
